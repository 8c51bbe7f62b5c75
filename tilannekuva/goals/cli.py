"""`python -m tilannekuva goals hash-password`: the line the operator puts into
`.streamlit/secrets.toml` to enable editing. The secret is read without echo (or one line from
stdin with --stdin, for scripts) and never printed; only its salted scrypt hash is."""

from __future__ import annotations

import argparse
import getpass
import sys

from . import auth

MIN_LENGTH = 12


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="goals_command", required=True)
    hashing = actions.add_parser("hash-password", help="print a hashed editor secret for .streamlit/secrets.toml")
    hashing.add_argument("--stdin", action="store_true", help="read the secret from one line of stdin")
    hashing.add_argument(
        "--editor",
        default=None,
        help="make an [editors] entry for this name instead of the shared editor_password_hash",
    )


def run(args: argparse.Namespace) -> int:
    if args.goals_command != "hash-password":
        return 2
    if args.stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        secret = getpass.getpass("Editor secret: ")
        if getpass.getpass("Again: ") != secret:
            print("the two entries differ; nothing was printed", file=sys.stderr)
            return 2
    if len(secret) < MIN_LENGTH:
        print(f"use at least {MIN_LENGTH} characters; nothing was printed", file=sys.stderr)
        return 2
    hashed = auth.hash_secret(secret)
    if args.editor:
        name = args.editor.replace('"', "")
        print(f'# under [editors] in .streamlit/secrets.toml\n"{name}" = "{hashed}"')
    else:
        print(f'editor_password_hash = "{hashed}"')
    return 0
