enum _PlaceholderMapping {}
