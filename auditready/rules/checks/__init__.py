"""Single-note checks (one module each) and the declarations of the cross-note checks.

Every module registers its check with `auditready.rules.registry`; the registry imports all
modules of this package on first use, so adding a check is adding a module.
"""
