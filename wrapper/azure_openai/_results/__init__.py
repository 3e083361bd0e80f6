"""Result types: chat results and the results of the other operations, over the generated models."""
