"""Platform features behind small interfaces, each with a null version: the app works, quieter, without."""
