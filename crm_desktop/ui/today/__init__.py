"""The Today page: whom to contact today and why."""
