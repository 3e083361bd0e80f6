"""Chat: messages, the chat helpers, streaming, tools, conversations and On Your Data."""
