"""Energy: the rural grid's transformer terminals, fault indicators, greenhouse parks and cold stores."""
