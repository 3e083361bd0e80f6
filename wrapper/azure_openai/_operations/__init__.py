"""The operations other than chat: completions, embeddings, images, audio."""
