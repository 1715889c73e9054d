"""Tests of the start screen (pypesto_cvae.screen)."""

from __future__ import annotations

import numpy as np
import pytest

from pypesto_cvae.screen import StartScreen


def _screen(**kwargs):
    return StartScreen(np.zeros(2), np.ones(2), n_neighbours=3, **kwargs)


def test_known_ends_are_failed_stopped_or_repeated():
    """Failed, stopped and repeated ends are known; a single end is not."""
    screen = _screen()
    screen.add(
        np.full((5, 2), 0.5),
        np.array([np.inf, 10.0, 20.0, 20.3, 30.0]),
        np.array([False, True, False, False, False]),
    )
    np.testing.assert_array_equal(
        screen.known_ends(), [True, True, True, True, False]
    )


def test_choose_avoids_regions_that_led_to_known_ends():
    """The chosen candidate lies where earlier searches ended elsewhere."""
    screen = _screen()
    rng = np.random.default_rng(0)
    low = 0.1 + 0.02 * rng.random((6, 2))
    high = 0.9 - 0.02 * rng.random((6, 2))
    # starts near 0.1 all ended at 5.0 (or failed); near 0.9, each apart
    screen.add(low, [5.0, 5.1, 5.2, np.inf, 5.0, 5.1], np.zeros(6, bool))
    screen.add(high, [1.0, 2.0, 3.0, 4.0, 6.0, 7.0], np.zeros(6, bool))
    cands = np.array([[0.12, 0.11], [0.88, 0.89], [0.1, 0.1], [0.5, 0.3]])
    np.testing.assert_array_equal(screen.best_in_groups(cands, 2), [1, 3])
    np.testing.assert_allclose(screen.choose(cands, 4), [[0.88, 0.89]])
    assert screen.known_share(cands[:2]).tolist() == [1.0, 0.0]


def test_ties_go_to_the_candidate_farthest_from_recorded_starts():
    """With equal shares the screen prefers unexplored space."""
    screen = _screen()
    screen.add(np.array([[0.5, 0.5]]), [1.0], [False])
    cands = np.array([[0.55, 0.5], [0.0, 0.0], [0.4, 0.5]])
    assert screen.best_in_groups(cands, 3).tolist() == [1]


def test_without_records_the_first_of_each_group():
    """Before any search is recorded the screen keeps each group's first."""
    cands = np.arange(12.0).reshape(6, 2)
    np.testing.assert_array_equal(_screen().choose(cands, 3), cands[[0, 3]])


def test_distances_are_taken_in_the_unit_box():
    """A wide parameter does not dominate the distance."""
    screen = StartScreen(np.zeros(2), np.array([1.0, 100.0]), n_neighbours=1)
    screen.add(np.array([[0.0, 50.0], [0.5, 0.0]]), [1.0, np.inf],
               [False, False])
    # in raw units (0.45, 30) is nearer the unique end at (0, 50); in the
    # unit box, nearer the failed start at (0.5, 0)
    assert screen.known_share(np.array([[0.45, 30.0]])).tolist() == [1.0]
    assert screen.known_share(np.array([[0.1, 60.0]])).tolist() == [0.0]


@pytest.mark.parametrize(
    "kwargs", [{"n_neighbours": 0}, {"fval_tol": -1.0}]
)
def test_invalid_settings_raise(kwargs):
    """Settings out of range raise ValueError naming them."""
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        StartScreen(np.zeros(2), np.ones(2), **kwargs)


def test_groups_and_lengths_are_checked():
    """Candidates that do not split into groups, or ragged records, raise."""
    screen = _screen()
    with pytest.raises(ValueError, match="groups of 2"):
        screen.choose(np.zeros((3, 2)), 2)
    with pytest.raises(ValueError, match="differ in length"):
        screen.add(np.zeros((2, 2)), [1.0], [False, False])


def test_trend_follows_the_end_values_and_ranks_failures_last():
    """A linear trend of end ranks on startpoints picks the better side."""
    screen = StartScreen(np.zeros(3), np.full(3, 2.0))
    rng = np.random.default_rng(1)
    x = rng.uniform(0.0, 2.0, (40, 3))
    fval = 5.0 * x[:, 0] + rng.normal(0.0, 0.05, 40)
    # failures where x[:, 0] is large: the worst rank, same direction
    fval[x[:, 0] > 1.8] = np.inf
    screen.add(x, fval, np.zeros(40, bool))
    cands = rng.uniform(0.0, 2.0, (30, 3))
    score = screen.trend(cands)
    assert np.corrcoef(score, cands[:, 0])[0, 1] > 0.95
    chosen = screen.choose(cands, 10, by="trend")
    np.testing.assert_allclose(
        chosen[:, 0], cands[:, 0].reshape(3, 10).min(axis=1)
    )


def test_trend_needs_more_searches_than_dimensions():
    """Below dim + 2 searches there is no trend: each group's first row."""
    screen = StartScreen(np.zeros(3), np.ones(3))
    screen.add(np.full((4, 3), 0.5), [1.0, 2.0, 3.0, 4.0], np.zeros(4, bool))
    cands = np.random.default_rng(2).random((6, 3))
    assert screen.trend(cands).tolist() == [0.0] * 6
    np.testing.assert_array_equal(
        screen.best_in_groups(cands, 3, by="trend"), [0, 3]
    )
    with pytest.raises(ValueError, match="by must be"):
        screen.best_in_groups(cands, 3, by="nearest")
