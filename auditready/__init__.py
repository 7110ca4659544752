"""auditready: judge therapy progress notes the way a payer's auditor would, before the payer does."""

__version__ = "0.1.0"
