"""Qt item models over the core: the article list and the sources tree."""
