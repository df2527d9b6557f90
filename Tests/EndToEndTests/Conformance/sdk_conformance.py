"""Drive modelwarden-sim through the official Pieces OS Python SDK (pieces-os-client 5.0.1).

Usage: python sdk_conformance.py BASE_URL

Every answer must parse into the SDK's pydantic models, and the Pieces OS semantics must hold:
create marks custom and never duplicates, delete is for custom models only, delete/cache is
for idle local LLMs only and sets downloaded=false, unload unloads every loaded model.
Prints one line per check and a closing "N passed, M failed" line; exits 1 on any failure.
"""
import sys
from datetime import datetime, timezone

from pieces_os_client.api.models_api import ModelsApi
from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ApiException
from pieces_os_client.models.byte_descriptor import ByteDescriptor
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
from pieces_os_client.models.model_delete_cache_input import ModelDeleteCacheInput
from pieces_os_client.models.model_delete_cache_output import ModelDeleteCacheOutput
from pieces_os_client.models.model_foundation_enum import ModelFoundationEnum
from pieces_os_client.models.model_type_enum import ModelTypeEnum
from pieces_os_client.models.model_usage_enum import ModelUsageEnum
from pieces_os_client.models.models import Models
from pieces_os_client.models.seeded_model import SeededModel

LOADED_LLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"
IDLE_LLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"
DOWNLOADING_LLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b05"
CLOUD_LLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b06"
OCR = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b08"

results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    results["passed" if condition else "failed"] += 1
    print(("PASS " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def refused(call, status):
    try:
        call()
    except ApiException as error:
        return error.status == status, f"HTTP {error.status}: {error.body}"
    return False, "the call succeeded"


def by_id(snapshot):
    return {model.id: model for model in snapshot.iterable}


def main(base_url):
    api = ModelsApi(ApiClient(Configuration(host=base_url)))

    snapshot = api.models_snapshot()
    check("models_snapshot parses into Models", isinstance(snapshot, Models), type(snapshot))
    models = by_id(snapshot)
    check("the snapshot has the built-in catalog", len(models) == 10, len(models))
    check("timestamps parse as datetimes", all(m.created.value.tzinfo is not None for m in snapshot.iterable))
    check("sizes parse as ByteDescriptors", models[IDLE_LLM].bytes.value == 2_280_000_000, models[IDLE_LLM].bytes)
    check("enums parse", models[LOADED_LLM].foundation == ModelFoundationEnum("LLAMA_3_8B"), models[LOADED_LLM].foundation)

    seed = SeededModel(
        name="SDK Fine-tune", version="0.1.0", cloud=False,
        created=GroupedTimestamp(value=datetime.now(timezone.utc)),
        type=ModelTypeEnum.ACCURACY, usage=ModelUsageEnum.CODE_GENERATION,
        foundation=ModelFoundationEnum("CODE_LLAMA_2_7B"), downloaded=True, custom=False,
        bytes=ByteDescriptor(value=3_900_000_000, readable="3.9 GB"), unique="sdk-fine-tune")
    created = api.models_create_new_model(seeded_model=seed)
    check("create answers a Model marked custom", created.custom is True, created.custom)
    again = api.models_create_new_model(seeded_model=seed)
    check("create never duplicates", again.id == created.id, (again.id, created.id))
    check("the snapshot has one more model", len(api.models_snapshot().iterable) == 11)

    ok, detail = refused(lambda: api.models_delete_specific_model(model=IDLE_LLM), 422)
    check("delete refuses a model that is not custom", ok, detail)
    api.models_delete_specific_model(model=created.id)
    check("delete removes a custom model", created.id not in by_id(api.models_snapshot()))

    output = api.models_delete_specific_model_cache(model=IDLE_LLM, model_delete_cache_input=ModelDeleteCacheInput())
    check("delete/cache answers a ModelDeleteCacheOutput", isinstance(output, ModelDeleteCacheOutput), type(output))
    check("delete/cache names the model", output.model.id == IDLE_LLM, output.model.id)
    check("delete/cache sets downloaded false", by_id(api.models_snapshot())[IDLE_LLM].downloaded is False)

    for name, model_id, status in [("a loaded LLM", LOADED_LLM, 409), ("a downloading LLM", DOWNLOADING_LLM, 409),
                                   ("a cloud LLM", CLOUD_LLM, 422), ("a model that is not an LLM", OCR, 422)]:
        ok, detail = refused(lambda: api.models_delete_specific_model_cache(model=model_id), status)
        check(f"delete/cache refuses {name}", ok, detail)

    check("unload answers no content", api.unload_models() is None)
    check("unload unloads every model", not any(m.loaded for m in api.models_snapshot().iterable))
    api.models_delete_specific_model_cache(model=LOADED_LLM)
    check("delete/cache works once the model is unloaded", by_id(api.models_snapshot())[LOADED_LLM].downloaded is False)

    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
