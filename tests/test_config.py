"""Tests of the configuration dataclasses."""

from __future__ import annotations

import json

import pytest

from pypesto_cvae.config import (
    CVAEConfig,
    IterationOptions,
    NetworkConfig,
    SamplingConfig,
    TrainingConfig,
)


def test_round_trip_through_json():
    """A configuration survives to_dict -> JSON -> from_dict unchanged."""
    config = CVAEConfig.from_kwargs(
        hidden_layers=(16, 8), kl_weight=0.2, target=(-0.5, 0.0)
    )
    again = CVAEConfig.from_dict(json.loads(json.dumps(config.to_dict())))
    assert again == config
    assert again.network.hidden_layers == (16, 8)
    assert again.sampling.target == (-0.5, 0.0)


@pytest.mark.parametrize(
    "make",
    [
        lambda: NetworkConfig(hidden_layers=()),
        lambda: NetworkConfig(latent_dim=0),
        lambda: NetworkConfig(activation="NoSuchLayer"),
        lambda: TrainingConfig(validation_fraction=1.0),
        lambda: TrainingConfig(learning_rate=-1),
        lambda: SamplingConfig(label_transform="cube"),
        lambda: SamplingConfig(target=(1.0, 0.0)),
        lambda: IterationOptions(explore_fraction=1.5),
        lambda: IterationOptions(screen_candidates=-1),
        lambda: IterationOptions(screen_candidates=2.5),
        lambda: IterationOptions(trend_candidates=-1),
        lambda: IterationOptions(trend_candidates=1.5),
        lambda: IterationOptions(trend_learned=True),
        lambda: IterationOptions(trend_learned=True, trend_candidates=1),
        lambda: IterationOptions(basin_stall_evals=True),
    ],
)
def test_invalid_values_raise(make):
    """Invalid settings raise ValueError naming the value."""
    with pytest.raises(ValueError):
        make()


def test_unknown_keys_are_refused():
    """Typos in flat settings or configuration files are not ignored."""
    with pytest.raises(TypeError, match="kl_wieght"):
        CVAEConfig.from_kwargs(kl_wieght=0.1)
    with pytest.raises(ValueError, match="Unknown keys"):
        CVAEConfig.from_dict({"training": {"epochs": 3}})


def test_iterative_optimizer_defaults_to_a_low_kl_weight():
    """CVAEOptimizer spreads with KL 0.01 unless a config says otherwise."""
    from pypesto_cvae import CVAEOptimizer
    from pypesto_cvae.config import ITERATIVE_KL_WEIGHT

    assert CVAEOptimizer().config.training.kl_weight == ITERATIVE_KL_WEIGHT
    assert CVAEConfig().training.kl_weight == 0.5
    given = CVAEOptimizer(config=CVAEConfig())
    assert given.config.training.kl_weight == 0.5
    assert CVAEOptimizer(kl_weight=0.2).config.training.kl_weight == 0.2
