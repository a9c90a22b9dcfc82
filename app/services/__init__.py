"""The rules of the service, as plain functions over explicit arguments.

Services raise DomainError subclasses, flush when they need ids, and never commit:
the view that called them commits once. Nor do they build URLs: the page a notification
opens is given by the view, as ``link`` (or ``link_for`` a record not yet made).
"""
