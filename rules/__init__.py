# rolelint's built-in rules, lexicons and role profiles: data only. This folder is installed as the package
# linter.rules so that the engine can find it with importlib.resources from a wheel and an editable install alike.
