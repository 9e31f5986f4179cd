"""One module per ``installments-core`` subcommand, each with ``register(subparsers)``."""
