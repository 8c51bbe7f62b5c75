"""Command line: `python -m tilannekuva build` and `python -m tilannekuva update`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tilannekuva", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build data/tilannekuva.duckdb from the shipped data (atomic)")
    build.add_argument("--output", type=Path, default=None, help="database path (default data/tilannekuva.duckdb)")
    build.add_argument(
        "--accept-shrink",
        action="store_true",
        help="replace the database even if indicators have clearly fewer values than before "
        "(an indicator removed on purpose, a source cut back)",
    )
    update = commands.add_parser("update", help="fetch fresh data from THL Sotkanet, then rebuild")
    from .build import update as update_module

    update_module.add_arguments(update)
    goals = commands.add_parser("goals", help="goals follow-up: hash-password (the editor secret for secrets.toml)")
    from .goals import cli as goals_cli

    goals_cli.add_arguments(goals)
    report = commands.add_parser("report", help="area profiles as PDF or PPTX (one area, or --all into a folder)")
    from .report import batch as report_batch

    report_batch.add_arguments(report)
    args = parser.parse_args(argv)

    if args.command == "build":
        from .build.inputs import InputError
        from .build.warehouse import BuildError, build_database

        try:
            build_database(args.output, quiet=False, accept_shrink=args.accept_shrink)
        except (InputError, BuildError) as exc:
            print(f"build failed, the previous database was kept: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("build interrupted, the previous database was kept", file=sys.stderr)
            return 130
        except OSError as exc:  # e.g. the data folder is not readable
            print(f"build failed, the previous database was kept: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "goals":
        return goals_cli.run(args)
    if args.command == "report":
        return report_batch.run(args)
    return update_module.run(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C while starting up (imports): nothing was written yet
        print("interrupted, nothing was changed", file=sys.stderr)
        sys.exit(130)
