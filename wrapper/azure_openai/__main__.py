"""``python -m azure_openai``: the ``azure-openai`` command."""

from .cli import main

if __name__ == "__main__":
    main()
