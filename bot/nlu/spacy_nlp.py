"""Rasa's SpacyNLP, keyed in Rasa's training cache on the inputs the project's spaCy pipeline was built from."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel

from bot.nlu.spacy_pipeline import INPUTS_KEY


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Rasa fingerprints a spaCy model by its name alone, so features cached for older entity patterns at the same
    path would be reused. This one's fingerprint adds the hash of the pipeline's inputs (written into its meta.json
    by bot/nlu/spacy_pipeline.py), so a change of patterns reaches every component after it.

    It keeps Rasa's class name on purpose: SpacyTokenizer and SpacyEntityExtractor find their model by that name."""

    @staticmethod
    def load_model(spacy_model_name: str) -> SpacyModel:
        loaded = spacy_utils.SpacyNLP.load_model(spacy_model_name)
        inputs = loaded.model.meta.get(INPUTS_KEY, "unknown")
        return SpacyModel(model=loaded.model, model_name=f"{spacy_model_name}#{inputs}")
