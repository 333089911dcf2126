#!/usr/bin/env python3
"""Validates JSON documents against a JSON schema with python3-jsonschema (the validator the schema's
"$schema" names: draft 2020-12 for the SARIF SDK's schema). Exit 0 when every document is valid, 1 when one is
not (each error printed with its JSON path), 2 on bad usage or unreadable input.

    validate_json_schema.py SCHEMA DOCUMENT...
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        print(f"{argv[1]}: {error}", file=sys.stderr)
        return 2
    invalid = False
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            return 2
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            invalid = True
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
