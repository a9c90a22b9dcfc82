"""The rules of the service, as plain functions over explicit arguments.

Services raise DomainError subclasses, flush when they need ids, and never commit:
the view that called them commits once.
"""
