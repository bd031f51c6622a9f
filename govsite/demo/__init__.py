"""Demo content for a sample city (弥勒市): pure-Python generators, no Django import."""
