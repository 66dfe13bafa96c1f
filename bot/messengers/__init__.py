"""What the bot knows of each messenger it runs on: links, accounts, adapters."""
