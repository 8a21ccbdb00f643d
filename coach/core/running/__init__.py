"""Back to running: the runs a person does (guided by the app, logged by hand, imported from a watch), the
return-to-running plan's stages, and the runners' pain rule. Qt-free, like the rest of the core."""
