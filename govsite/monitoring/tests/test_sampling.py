"""The quarterly sample (M3): at least half the sites, reproducible from its seed."""

import pytest

from govsite.monitoring.sampling import draw, sample_size


def test_at_least_half_rounded_up():
    assert [sample_size(n) for n in (0, 1, 2, 3, 7, 30)] == [0, 1, 1, 2, 4, 15]
    assert sample_size(10, share=0.3) == 5  # never below 50%
    assert sample_size(10, share=0.8) == 8
    with pytest.raises(ValueError, match="抽查比例"):
        sample_size(10, share=0)


def test_the_same_seed_draws_the_same_sites_whatever_their_order():
    sites = [f"site{n:02d}" for n in range(21)]
    first = draw(sites, seed=20260401)
    assert len(first) == 11 and set(first) <= set(sites)
    assert draw(list(reversed(sites)), seed=20260401) == first
    assert draw(sites, seed=20260402) != first
