"""A trained NLU component whose data is one JSON file in Rasa's model storage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData


class JsonStored(GraphComponent):
    """Rasa's create and load for a component that keeps what it learned as JSON in FILE (`store`, `from_stored`)."""

    FILE = "data.json"

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> JsonStored:
        return cls(model_storage, resource)  # (each subclass takes these two first)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> JsonStored:
        with model_storage.read_from(resource) as directory:
            data = json.loads((Path(directory) / cls.FILE).read_text(encoding="utf-8"))
        return cls.from_stored(model_storage, resource, data)

    @classmethod
    def from_stored(cls, model_storage: ModelStorage, resource: Resource, data: Any) -> JsonStored:
        raise NotImplementedError

    @staticmethod
    def store(model_storage: ModelStorage, resource: Resource, file: str, data: Any) -> Resource:
        with model_storage.write_to(resource) as directory:
            (Path(directory) / file).write_text(json.dumps(data), encoding="utf-8")
        return resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
