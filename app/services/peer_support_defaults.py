"""The default "About peer support" texts, until a unit writes its own.

Written in the format the unit edits: "## " starts a heading, "- " a list item, and a
blank line ends a paragraph. Short sentences and everyday words, for a reading age of
about 9 to 11 (the team's version is for staff, and still plain).
"""

MOTHERS = """\
## What a peer support worker is
A peer support worker is a mum who was unwell herself, when she was pregnant or after her baby was born. She got better. Now she works here, on the unit.

She knows how it can feel. She can sit with you when things are hard, because she knows that it will pass. She does not wear a uniform.

## What she can do with you
- Sit with you, talk, or just be with you
- Listen, without judging you
- Share some of her own story, if it helps you
- Run groups, like exercise, cooking and baby massage
- Help you say what you want to the team, and bring your views to their meetings
- Help you get ready for going home, and talk by phone after you leave

## What she does not do
- She is not a nurse or a doctor. She does not give you medicine or decide your care.
- She does not decide when you go home.
- She is not always here. When she is not at work, talk to the nurses on the ward.

## What stays between you
What you talk about stays between you and her. She will not pass it on unless you want her to.

There is one time when she must tell the team. That is if she is worried that you, your baby or someone else could be harmed. This is called safeguarding, and all staff must do it. If she can, she will talk to you about it first.

After a session she may write a short note for the team, like all staff do. You can ask her what it says.

## If you need help now
The nurses on the ward are here day and night. You can talk to them at any time.
"""

VISITORS = """\
Peer support workers are part of the team here. Each of them was unwell herself around the time she had a baby, and got better.

They spend time with mums, listen to them, and share their own story of getting better. They also run groups, and families can join some of them.

## What they do not do
They are not nurses or doctors, and they do not make decisions about care. If you have a question about care, ask the nurse in charge.

## Keeping things private
Peer support workers do not tell visitors what a mum has talked to them about. If you are worried about someone on the unit, speak to the nurse in charge.
"""

TEAM = """\
## What the role is for
Peer support workers have lived experience of perinatal mental illness and of recovery. They offer something no other role on the ward can: a real example of getting better, and time just to be with a mother.

Mothers often tell a peer worker things they tell no one else. Protecting that trust is part of the job, for the whole team.

## What peer workers do
- Spend one-to-one time with mothers, on the ward and by phone after discharge
- Lead groups based on what mothers say would help
- Bring mothers' views to MDT meetings, ward rounds and handovers, and ask the difficult questions
- Write notes and contribute to risk assessment, as the unit's policies say

## What peer workers do not do
- Give medication, do observations, or take part in restraint
- Make clinical decisions about a mother's care or discharge
- Fill a gap in the nursing numbers when the ward is short
- Pass on what a mother said in confidence, other than for safeguarding

## Confidentiality and safeguarding
Peer workers have the same safeguarding duties as all staff, and follow the same policies. Beyond that, what a mother tells her peer worker is hers to share. Please do not ask a peer worker to report back on a conversation.

## Supporting peer workers
- Include peer workers in meetings, handovers and team decisions. Often she is the only peer worker on shift.
- Peer work is demanding. Notice when she is giving too much, and respect her breaks and wellbeing days.
- Each peer worker has monthly clinical supervision and regular line management. Ask her line manager if you are unsure about the role.
"""

DEFAULTS = {"mothers": MOTHERS, "visitors": VISITORS, "team": TEAM}
