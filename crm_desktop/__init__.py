"""crm-desktop: an offline-first desktop CRM with local analytics."""

__version__ = "0.1.0"
