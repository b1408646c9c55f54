"""Jobs run outside a chat: the build, incremental catalog updates, a shopper's data export and forget."""
