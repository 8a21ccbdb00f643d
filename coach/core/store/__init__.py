"""The adherence store on sqlite-utils: open, migrate (frozen numbered steps), rows."""
