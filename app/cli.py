"""Command-line tasks (``flask --app wsgi ...``): demo data, backup and retention."""

import click
from flask import Flask

from app.demo import DEMO_LOGINS, seed_demo


def register(app: Flask) -> None:
    register_backup(app)
    register_retention(app)

    @app.cli.command("seed-demo")
    @click.option("--print-logins", is_flag=True, help="Print the demo sign-ins afterwards.")
    def seed_demo_command(print_logins):
        """Load the demo unit once; running it again changes nothing. Never in production."""
        if app.config.get("ENV_NAME") == "production":
            raise click.ClickException(
                "seed-demo adds a made-up unit whose sign-ins are published, so it does not "
                "run with APP_ENV=production."
            )
        created = seed_demo()
        click.echo("Loaded demo data." if created else "Demo data already there.")
        if print_logins:
            click.echo("Demo sign-ins (username / password):")
            for role, username, password in DEMO_LOGINS:
                click.echo(f"  {role:<28} {username:<12} {password}")


def register_backup(app: Flask) -> None:
    @app.cli.command("backup")
    @click.argument("destination", type=click.Path(dir_okay=False, writable=True))
    def backup_command(destination):
        """Copy the SQLite database consistently while the app runs (online backup API).

        On PostgreSQL use pg_dump instead; see the README.
        """
        from app.services.backup import backup_sqlite

        pages = backup_sqlite(destination)
        click.echo(f"Backed up {pages} pages to {destination}")


def register_retention(app: Flask) -> None:
    @app.cli.group("retention")
    def retention_group():
        """Keep records only as long as each unit's retention period."""

    @retention_group.command("purge")
    @click.option("--dry-run", is_flag=True, help="Count what would go; change nothing.")
    def purge_command(dry_run):
        """Remove records of mothers whose support ended longer ago than the unit keeps them.

        Writes one audit event per unit. Run it daily (cron or a systemd timer).
        """
        from app.extensions import db
        from app.services.retention import describe, purge_all

        results = purge_all(dry_run=dry_run)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
        for unit, counts in results.items():
            click.echo(f"{unit.name} (kept {unit.retention_months} months): {describe(counts)}")
        click.echo("Dry run: nothing was removed." if dry_run else "Purge done.")
