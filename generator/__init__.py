"""Field-work records (đi công tác cơ sở): validator, compliance engine and site generator."""

__version__ = "0.1.0"
