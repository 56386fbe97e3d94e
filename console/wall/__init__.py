"""The wall, Qt-free: wall configuration, layout editing, switching decisions, takeover layouts."""
