"""Media beyond one image: roles, reference videos and audios, modes, endpoint ids, task
types and image limits per field, against the fakes (which enforce the same modes).

Every limit asserted here is read from the bundled specs, so a vendor document changing
a limit changes what these tests expect, not the other way round.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedance import AsyncClient, ImageInput, MediaInput, VideoRequest
from seedance._errors import ValidationError
from seedance._images import ImageLimits
from seedance._modes import describe, fitting_mode
from seedance._providers import get_adapter
from seedance.testing import FakeClock
from seedance.testing.apikley import FakeApikley
from seedance.testing.ark import FakeArk
from tests.support.openapi import ROOT, bundled, resolve

pytestmark = pytest.mark.anyio

KEY = "sk-test-secret-key-0123456789"
SEEDANCE_2 = "dreamina-seedance-2-0-260128"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ARK_REGION", "ARK_BASE_URL", "APIKLEY_UPLOAD_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ark_fake(clock: FakeClock) -> FakeArk:
    return FakeArk(
        api_key=KEY, clock=clock, model_rules=True, endpoints={"ep-20260101-fast": SEEDANCE_2}
    )


@pytest.fixture
async def ark(ark_fake: FakeArk, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        "ark", api_key=KEY, transport=ark_fake.transport(), clock=clock, base_url="http://fake"
    ) as client:
        yield client


@pytest.fixture
def kie_fake(clock: FakeClock) -> FakeApikley:
    return FakeApikley(api_key=KEY, clock=clock)


@pytest.fixture
async def kie(kie_fake: FakeApikley, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        "apikley",
        api_key=KEY,
        transport=kie_fake.transport(),
        clock=clock,
        base_url="http://fake",
        upload_base_url="http://fake",
    ) as client:
        yield client


def ark_model(model: str) -> dict[str, Any]:
    entry: dict[str, Any] = bundled("ark")["x-seedance-models"]["models"][model]
    return entry


def kie_input(model: str) -> dict[str, Any]:
    spec = bundled("apikley")
    schema = spec["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"]["content"]
    for ref in schema["application/json"]["schema"]["oneOf"]:
        variant = resolve(spec, ref)
        if variant["properties"]["model"]["enum"] == [model]:
            found: dict[str, Any] = resolve(spec, variant["properties"]["input"])
            return found
    raise KeyError(model)


# ----------------------------------------------------------------- Ark content items


async def test_reference_media_become_ark_content_items_with_roles(
    ark: AsyncClient, ark_fake: FakeArk
) -> None:
    task = await ark.submit(
        "use video 1's camera path and audio 1 as music; the product is image 1",
        model=SEEDANCE_2,
        images=["https://x/product.jpg"],  # no role: beside references it is one
        videos=["https://x/motion.mp4"],
        audios=[MediaInput("https://x/music.mp3")],
    )
    assert task.id
    assert ark_fake.tasks.all()[-1].request["content"][1:] == [
        {
            "type": "image_url",
            "image_url": {"url": "https://x/product.jpg"},
            "role": "reference_image",
        },
        {
            "type": "video_url",
            "video_url": {"url": "https://x/motion.mp4"},
            "role": "reference_video",
        },
        {
            "type": "audio_url",
            "audio_url": {"url": "https://x/music.mp3"},
            "role": "reference_audio",
        },
    ]


async def test_the_most_references_the_spec_allows_are_sent_and_one_more_is_refused(
    ark: AsyncClient, ark_fake: FakeArk
) -> None:
    entry = ark_model(SEEDANCE_2)
    most = {kind: entry[kind]["max"] for kind in ("images", "videos", "audios")}
    media = {kind: [f"https://x/{kind}/{i}" for i in range(n)] for kind, n in most.items()}
    images = [ImageInput(url, role="reference_image") for url in media["images"]]
    await ark.submit(
        "a fox", model=SEEDANCE_2, images=images, videos=media["videos"], audios=media["audios"]
    )
    kinds = [item["type"] for item in ark_fake.tasks.all()[-1].request["content"]]
    assert kinds.count("video_url") == most["videos"] and kinds.count("audio_url") == most["audios"]
    sent = len(ark_fake.requests)
    for kind in ("videos", "audios"):
        too_many: dict[str, Any] = {"videos": ["https://x/v"]}
        too_many[kind] = [*media[kind], "https://x/one-more"]
        with pytest.raises(ValidationError) as caught:
            await ark.submit("a fox", model=SEEDANCE_2, **too_many)
        assert caught.value.field == kind and caught.value.value == most[kind] + 1
        assert f"at most {most[kind]}" in str(caught.value)
    assert len(ark_fake.requests) == sent


@pytest.mark.parametrize(
    ("media", "given"),
    [
        # a first frame never mixes with reference media (Seedance 2.0's modes)
        (
            {"images": ["https://x/a.png"], "videos": ["https://x/v.mp4"], "first": True},
            {"first_frame": 1, "reference_video": 1},
        ),
        # an audio needs a reference image or video beside it
        ({"audios": ["https://x/a.mp3"]}, {"reference_audio": 1}),
    ],
)
async def test_media_outside_every_mode_is_refused_naming_what_was_given_and_the_modes(
    ark: AsyncClient, ark_fake: FakeArk, media: dict[str, Any], given: dict[str, int]
) -> None:
    if media.pop("first", False):
        media["images"] = [ImageInput(media["images"][0], role="first_frame")]
    with pytest.raises(ValidationError) as caught:
        await ark.submit("a fox", model=SEEDANCE_2, **media)
    error = caught.value
    assert (error.field, error.value, error.model) == ("media", given, SEEDANCE_2)
    modes = ark_model(SEEDANCE_2)["modes"]
    assert error.allowed == [m["name"] for m in modes]
    assert all(describe(m) in str(error) for m in modes)
    assert ark_fake.requests == []


async def test_a_model_without_references_refuses_them_and_local_files_are_refused(
    ark: AsyncClient, ark_fake: FakeArk, tmp_path: Path
) -> None:
    assert "videos" not in ark_model("seedance-1-5-pro-251215")
    with pytest.raises(ValidationError, match="at most 0") as caught:
        await ark.submit("a fox", videos=["https://x/v.mp4"])
    assert caught.value.field == "videos"
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    with pytest.raises(ValidationError, match="URLs only") as caught:
        await ark.submit("a fox", model=SEEDANCE_2, images=["https://x/i.png"], videos=[str(clip)])
    assert caught.value.field == "videos" and caught.value.value == str(clip)
    assert ark_fake.requests == []


# ----------------------------------------------------------------- Ark endpoint ids


async def test_an_endpoint_id_with_its_model_named_gets_that_models_rules(
    ark: AsyncClient, ark_fake: FakeArk
) -> None:
    longest = max(ark_model(SEEDANCE_2)["options"]["duration"]["enum"])
    await ark.submit(
        "a fox",
        model="ep-20260101-fast",
        endpoint_model=SEEDANCE_2,
        duration=longest,
        videos=["https://x/v.mp4"],
    )
    assert ark_fake.tasks.all()[-1].request["model"] == "ep-20260101-fast"
    with pytest.raises(ValidationError) as caught:
        await ark.submit(
            "a fox", model="ep-20260101-fast", endpoint_model=SEEDANCE_2, duration=longest + 1
        )
    assert caught.value.field == "duration" and caught.value.model == "ep-20260101-fast"
    assert "every ark model" not in str(caught.value)
    with pytest.raises(ValidationError) as unknown:
        await ark.submit("a fox", model="ep-20260101-fast", endpoint_model="seedance-9")
    assert unknown.value.field == "model" and unknown.value.value == "seedance-9"
    with pytest.raises(ValidationError) as misplaced:
        await ark.submit("a fox", model=SEEDANCE_2, endpoint_model=SEEDANCE_2)
    assert misplaced.value.field == "endpoint_model"
    assert len(ark_fake.tasks) == 1


async def test_an_endpoint_id_alone_is_checked_against_what_every_model_allows(
    ark: AsyncClient, ark_fake: FakeArk
) -> None:
    models = bundled("ark")["x-seedance-models"]["models"].values()
    durations = {d for m in models for d in m["options"].get("duration", {}).get("enum", [])}
    # 4k is one model's, 30 s another's: both pass for an endpoint of unknown model
    await ark.submit("a fox", model="ep-20260101-fast", resolution="4k", duration=-1)
    assert ark_fake.tasks.all()[-1].request["resolution"] == "4k"
    with pytest.raises(ValidationError) as caught:
        await ark.submit("a fox", model="ep-20260101-fast", duration=max(durations) + 1)
    assert caught.value.field == "duration"
    assert "every ark model allows together" in str(caught.value)
    assert "endpoint_model=" in str(caught.value)
    with pytest.raises(ValidationError, match="fit none"):  # modes of every model together
        await ark.submit(
            "a fox",
            model="ep-20260101-fast",
            audios=["https://x/a.mp3"],
            images=[ImageInput("https://x/f.png", role="first_frame")],
        )
    with pytest.raises(ValidationError) as caught:  # not the pattern: an unknown model
        await ark.submit("a fox", model="ep_underscore")
    assert caught.value.field == "model" and "endpoint id" in str(caught.value)
    assert len(ark_fake.tasks) == 1


# ----------------------------------------------------------------- Ark task types


async def test_task_type_rules_from_the_spec_are_applied_and_the_type_is_sent_typed(
    ark: AsyncClient, ark_fake: FakeArk
) -> None:
    from ark_client.models import CreateContentGenerationTaskRequestOmniReferenceTaskType as Kind

    rules = bundled("ark")["x-seedance-models"]["task_type_rules"]["edit"]
    assert rules == {"duration": {"type": "integer", "enum": [-1]}, "ratio": {"enum": ["adaptive"]}}
    clip = ["https://x/clip.mp4"]
    with pytest.raises(ValidationError) as caught:
        await ark.submit("a fox", model=SEEDANCE_2, omni_reference_task_type="edit", videos=clip)
    assert (caught.value.field, caught.value.value, caught.value.allowed) == (
        "duration",
        None,
        [-1],
    )
    with pytest.raises(ValidationError) as caught:
        await ark.submit(
            "a fox",
            model=SEEDANCE_2,
            omni_reference_task_type="edit",
            duration=-1,
            aspect_ratio="16:9",
            videos=clip,
        )
    assert (caught.value.field, caught.value.value) == ("aspect_ratio", "16:9")
    assert ark_fake.requests == []
    await ark.submit(
        "a fox",
        model=SEEDANCE_2,
        omni_reference_task_type="edit",
        duration=-1,
        aspect_ratio="adaptive",
        videos=clip,
    )
    body = ark_fake.tasks.all()[-1].request
    assert (body["omni_reference_task_type"], body["duration"], body["ratio"]) == (
        "edit",
        -1,
        "adaptive",
    )
    # the generated body holds the generated enum, not a string
    adapter = get_adapter("ark")
    plain = VideoRequest(
        prompt="a fox", model=SEEDANCE_2, omni_reference_task_type="reference", videos=clip
    )
    info, fields = adapter.validate(plain)
    op = adapter.create(plain, info, fields, [], None)
    assert op.kwargs["body"].omni_reference_task_type is Kind.REFERENCE
    with pytest.raises(ValidationError) as bogus:
        await ark.submit("a fox", model=SEEDANCE_2, omni_reference_task_type="remix")
    spec = bundled("ark")["components"]["schemas"]
    assert (
        bogus.value.allowed
        == spec["CreateContentGenerationTaskRequestOmniReferenceTaskType"]["enum"]
    )
    with pytest.raises(ValidationError) as old:  # a 1.x model has no task types
        await ark.submit("a fox", omni_reference_task_type="reference")
    assert old.value.field == "omni_reference_task_type"


# ----------------------------------------------------------------- kie field roles


async def test_kie_2x_fields_are_filled_by_their_roles(
    kie: AsyncClient, kie_fake: FakeApikley
) -> None:
    inputs = kie_input("bytedance/seedance-2")["properties"]
    roles = {
        name: (f["x-seedance-media"]["kind"], f["x-seedance-media"]["role"])
        for name, f in inputs.items()
        if "x-seedance-media" in f
    }
    field_of = {role: name for name, role in roles.items()}
    await kie.submit(
        "a fox",
        model="bytedance/seedance-2",
        images=["https://x/1.png", "https://x/2.png", "https://x/3.png"],
        videos=["https://x/v.mp4"],
        audios=["https://x/a.mp3"],
        web_search=True,
        return_last_frame=True,
    )
    sent = kie_fake.tasks.all()[-1].request["input"]
    assert sent[field_of[("image", "reference")]] == [f"https://x/{i}.png" for i in (1, 2, 3)]
    assert sent[field_of[("video", "reference")]] == ["https://x/v.mp4"]
    assert sent[field_of[("audio", "reference")]] == ["https://x/a.mp3"]
    options = {f["x-seedance-option"]: n for n, f in inputs.items() if "x-seedance-option" in f}
    assert sent[options["web_search"]] is True and sent[options["return_last_frame"]] is True
    await kie.submit(
        "a fox", model="bytedance/seedance-2", images=["https://x/first.png", "https://x/last.png"]
    )
    sent = kie_fake.tasks.all()[-1].request["input"]
    assert sent[field_of[("image", "first_frame")]] == "https://x/first.png"
    assert sent[field_of[("image", "last_frame")]] == "https://x/last.png"
    assert not any(name in sent for name, (_, role) in roles.items() if role == "reference")


async def test_kie_frames_lists_and_single_url_fields(
    kie: AsyncClient, kie_fake: FakeApikley
) -> None:
    await kie.submit("a fox", images=["https://x/first.png", "https://x/last.png"])
    assert kie_fake.tasks.all()[-1].request["input"]["input_urls"] == [
        "https://x/first.png",
        "https://x/last.png",
    ]
    await kie.submit(
        "a fox", model="bytedance/v1-pro-fast-image-to-video", images=["https://x/only.png"]
    )
    assert kie_fake.tasks.all()[-1].request["input"]["image_url"] == "https://x/only.png"
    same = ["https://x/same.png"] * 2  # one picture as first and last frame
    await kie.submit("a fox", model="bytedance/seedance-2", images=same)
    sent = kie_fake.tasks.all()[-1].request["input"]
    assert (sent["first_frame_url"], sent["last_frame_url"]) == tuple(same)
    await kie.submit("a fox", images=same)
    assert kie_fake.tasks.all()[-1].request["input"]["input_urls"] == same
    with pytest.raises(ValidationError) as caught:
        await kie.submit("a fox", images=[ImageInput("https://x/r.png", role="reference_image")])
    assert caught.value.field == "images.role"
    assert caught.value.allowed == ["first_frame", "last_frame"]


async def test_kie_modes_are_checked_before_sending(
    kie: AsyncClient, kie_fake: FakeApikley
) -> None:
    modes = kie_input("bytedance/seedance-2")["x-seedance-modes"]
    with pytest.raises(ValidationError) as caught:
        await kie.submit(
            "a fox",
            model="bytedance/seedance-2",
            images=[ImageInput("https://x/f.png", role="first_frame")],
            videos=["https://x/v.mp4"],
        )
    error = caught.value
    assert error.field == "media" and error.value == {"first_frame": 1, "reference_video": 1}
    assert error.allowed == [m["name"] for m in modes]
    assert "1 first_frame, 1 reference_video" in str(error)
    with pytest.raises(ValidationError, match="at least one reference_image or reference_video"):
        await kie.submit("a fox", model="bytedance/seedance-2", audios=["https://x/a.mp3"])
    with pytest.raises(ValidationError, match="fit none"):  # extra counts as well
        await kie.submit(
            "a fox",
            model="bytedance/seedance-2",
            images=["https://x/f.png"],
            extra={"reference_video_urls": ["https://x/v.mp4"]},
        )
    with pytest.raises(ValidationError) as old:
        await kie.submit("a fox", videos=["https://x/v.mp4"])  # 1.5 pro has no video field
    assert old.value.field == "videos"
    assert kie_fake.requests == []


async def test_local_images_without_an_upload_host_fail_before_anything_is_journaled(
    kie_fake: FakeApikley, clock: FakeClock, tmp_path: Path
) -> None:
    """The spec's upload server is a placeholder: it is never used."""
    servers = bundled("apikley")["paths"]["/api/file-stream-upload"]["servers"]
    assert all(server.get("x-seedance-placeholder") for server in servers)
    image = tmp_path / "fox.png"
    image.write_bytes(PNG)
    journal = tmp_path / "journal.db"
    async with AsyncClient(
        "apikley",
        api_key=KEY,
        transport=kie_fake.transport(),
        clock=clock,
        base_url="http://fake",
        journal=journal,
    ) as client:
        with pytest.raises(ValidationError) as caught:
            await client.submit("a fox", images=[image], idempotency_key="k1")
        with pytest.raises(ValidationError) as direct:
            await client.upload(image)
        assert client.journal.get("k1") is None
    for error in (caught.value, direct.value):
        assert error.field == "upload_base_url"
        assert "APIKLEY_UPLOAD_URL" in str(error) and "upload_base_url" in str(error)
    assert kie_fake.requests == []


# ----------------------------------------------------------------- image limits


def test_image_limits_narrow_and_max_bytes_is_inclusive(tmp_path: Path) -> None:
    from seedance._images import read_local

    root = ImageLimits.of(bundled("apikley")["x-seedance-image-limits"])
    field = ImageLimits(100, ("image/png", "image/gif"))
    narrow = root.narrowed(field)
    assert narrow == ImageLimits(100, ("image/png",))
    assert root.narrowed(ImageLimits()) == root and ImageLimits().narrowed(root) == root
    exact = PNG + b"0" * (100 - len(PNG))
    assert read_local(ImageInput(exact), narrow, "apikley").data == exact
    with pytest.raises(ValidationError, match="at most 100"):
        read_local(ImageInput(exact + b"0"), narrow, "apikley")
    with pytest.raises(ValidationError, match="image/gif"):
        read_local(ImageInput(b"GIF89a" + b"0" * 10), narrow, "apikley")


# ----------------------------------------------------------------- a new model, no code

FIXTURE = Path(__file__).parent / "fixtures" / "specs" / "bytedance-seedance-fixture-2x.yaml"
PROBE = textwrap.dedent(
    """
    import asyncio, json, sys
    from seedance import AsyncClient, ImageInput, ValidationError
    from seedance.testing import FakeClock
    from seedance.testing.apikley import FakeApikley

    MODEL = "bytedance/seedance-fixture-2x"
    PNG = b"\\x89PNG\\r\\n\\x1a\\n"

    async def main():
        clock = FakeClock()
        fake = FakeApikley(api_key="k", clock=clock)
        out = {}
        async with AsyncClient("apikley", api_key="k", transport=fake.transport(), clock=clock,
                               base_url="http://fake", upload_base_url="http://fake") as c:
            task = await c.submit("a fox", model=MODEL, resolution="720p",
                                  images=["https://x/1.png"], videos=["https://x/v.mp4"])
            out["sent"] = fake.tasks.all()[-1].request["input"]
            out["model"] = task.model
            exact = PNG + b"0" * (int(sys.argv[1]) - len(PNG))
            await c.submit("a fox", model=MODEL, images=[ImageInput(exact, role="first_frame")])
            out["exact_sent"] = "first_frame_url" in fake.tasks.all()[-1].request["input"]
            for name, kwargs in {
                "resolution": {"resolution": "1080p"},
                "mode": {"images": [ImageInput("https://x/f.png", role="first_frame")],
                         "videos": ["https://x/v.mp4"]},
                "size": {"images": [ImageInput(exact + b"0", role="first_frame")]},
            }.items():
                try:
                    await c.submit("a fox", model=MODEL, **kwargs)
                    out[name] = None
                except ValidationError as exc:
                    out[name] = [exc.field, str(exc)]
        out["creates"] = sum(1 for _, path in fake.requests if path.endswith("/createTask"))
        print(json.dumps(out))

    asyncio.run(main())
    """
)


def test_a_new_kie_model_document_works_end_to_end_with_no_code_change(tmp_path: Path) -> None:
    """The fixture document (kie 2.x field names, a model that does not exist, its first
    frame narrowed to a small size) is bundled and generated in a temp dir; the real
    adapter and the fake, reading only that spec, map it, check its modes and limits."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs, ignore=shutil.ignore_patterns("_bundled"))
    small = 2048
    text = FIXTURE.read_text()
    first = text.index("first_frame_url:")
    head, tail = text[:first], text[first:]
    tail = tail.replace("max_bytes: 10485760", f"max_bytes: {small}", 1)
    (specs / "apikley" / "vendor" / FIXTURE.name).write_text(head + tail)
    out = tmp_path / "generated"
    out.mkdir()
    generate = [
        sys.executable,
        str(ROOT / "tools" / "generate.py"),
        "--specs",
        str(specs),
        "--out",
        str(out),
        "--only",
        "apikley",
    ]
    made = subprocess.run(generate, capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    paths = [str(out), str(ROOT / "wrapper"), str(ROOT)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(small)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    facts = json.loads(probe.stdout)
    assert facts["model"] == "bytedance/seedance-fixture-2x"
    assert facts["sent"]["reference_image_urls"] == ["https://x/1.png"]
    assert facts["sent"]["reference_video_urls"] == ["https://x/v.mp4"]
    assert facts["sent"]["resolution"] == "720p"
    assert facts["exact_sent"] is True, "max_bytes is inclusive"
    assert facts["resolution"][0] == "resolution" and "'480p', '720p'" in facts["resolution"][1]
    assert facts["mode"][0] == "media" and "multimodal_reference" in facts["mode"][1]
    assert facts["size"][0] == "images" and f"at most {small}" in facts["size"][1]
    assert facts["creates"] == 2


# ----------------------------------------------------------------- client and fakes agree

COUNTS = st.fixed_dictionaries(
    {
        "first_frame": st.integers(0, 1),
        "last_frame": st.integers(0, 1),
        "reference_image": st.integers(0, 10),
        "reference_video": st.integers(0, 4),
        "reference_audio": st.integers(0, 4),
    }
)


@pytest.mark.parametrize(
    ("provider", "model"), [("ark", SEEDANCE_2), ("apikley", "bytedance/seedance-2")]
)
def test_any_media_mix_is_sent_exactly_when_the_specs_modes_allow_it(
    provider: str, model: str
) -> None:
    """Media drawn at random, with explicit roles: the client refuses before sending
    exactly the mixes that fit none of the spec's modes (computed here from the counts
    drawn), and the fake, enforcing the same modes, accepts every mix the client sends."""
    modes = ark_model(model)["modes"] if provider == "ark" else kie_input(model)["x-seedance-modes"]
    loop = asyncio.new_event_loop()
    clock = FakeClock()
    fake: FakeArk | FakeApikley = (
        FakeArk(api_key=KEY, clock=clock, model_rules=True)
        if provider == "ark"
        else FakeApikley(api_key=KEY, clock=clock, create_limit=0)
    )

    async def make() -> AsyncClient:
        return AsyncClient(
            provider,
            api_key=KEY,
            transport=fake.transport(),
            clock=clock,
            base_url="http://fake",
            rate_limit=False,
        )

    client = loop.run_until_complete(make())

    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(counts=COUNTS)
    def check(counts: dict[str, int]) -> None:
        images = [
            ImageInput(f"https://x/{slot}/{i}.png", role=slot)
            for slot in ("first_frame", "last_frame", "reference_image")
            for i in range(counts[slot])
        ]
        videos = [f"https://x/v/{i}.mp4" for i in range(counts["reference_video"])]
        audios = [f"https://x/a/{i}.mp3" for i in range(counts["reference_audio"])]
        before = len(fake.requests), len(fake.tasks)
        submit = client.submit("a fox", model=model, images=images, videos=videos, audios=audios)
        if fitting_mode(modes, counts) is None:
            with pytest.raises(ValidationError):
                loop.run_until_complete(submit)
            assert (len(fake.requests), len(fake.tasks)) == before, "nothing may be sent"
        else:
            loop.run_until_complete(submit)
            assert len(fake.tasks) == before[1] + 1

    try:
        check()
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()
