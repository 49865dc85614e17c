"""Entry script of the PyInstaller bundle (build.spec): the desk's ``mission-desk`` command.

``--self-test`` is answered here before ``ui.main`` is even imported, so a bundle whose UI
fails to import still says why (the self-test then reports that import as a failed check).
"""

import sys


def main() -> int:
    if "--self-test" in sys.argv[1:]:
        from ui.selftest import run_self_test

        return run_self_test()
    from ui.main import main as desk_main

    return desk_main()


if __name__ == "__main__":
    sys.exit(main())
