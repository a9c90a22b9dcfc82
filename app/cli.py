"""Command-line tasks (``flask --app wsgi ...``): demo data."""

import click
from flask import Flask

from app.demo import DEMO_LOGINS, seed_demo


def register(app: Flask) -> None:
    register_backup(app)

    @app.cli.command("bench-data")
    @click.option("--units", default=10, show_default=True)
    @click.option("--scale", default=1, show_default=True, help="History multiplier (1x, 10x).")
    def bench_data_command(units, scale):
        """Fill an empty database with benchmark volume: many units and a year of history."""
        from app import bench_history  # noqa: F401  registers each feature's history
        from app.bench_data import generate

        generate(units=units, scale=scale)
        click.echo(f"Generated {units} units at {scale}x history.")

    @app.cli.command("seed-demo")
    @click.option("--print-logins", is_flag=True, help="Print the demo sign-ins afterwards.")
    def seed_demo_command(print_logins):
        """Load the demo unit once; running it again changes nothing."""
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
