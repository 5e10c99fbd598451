"""Page limits and cursor size, shared by the list schemas and the keyset pagination."""

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_CURSOR_LENGTH = 1024
