"""The command line: thin click commands over the engine. The only package that imports click."""
