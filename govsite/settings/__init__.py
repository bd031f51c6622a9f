"""Settings: `base` holds what every deployment shares; dev, test and production adjust it."""
