"""Allow ``python -m newsdesk``."""

from newsdesk.cli import main

raise SystemExit(main())
