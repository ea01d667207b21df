"""``python -m graphbuild`` runs the command line."""

from graphbuild.cli import main

if __name__ == "__main__":
    main()
