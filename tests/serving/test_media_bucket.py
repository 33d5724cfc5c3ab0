"""Media in an S3-compatible bucket (MEDIA_STORAGE=s3): the storage production's settings
build, against a real S3 endpoint on loopback (moto's server, HTTP), takes an image
uploaded through Wagtail's admin; its rendition is made from the bucket, stored there and
served at /media/ by the site; a document is served by Wagtail's view from the bucket;
nothing lands in MEDIA_ROOT."""

import io
import json
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.cms.test_settings import run_python

BUCKET = "cms-media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
PRINT_STORAGE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.STORAGES['default'], s.WAGTAILDOCS_SERVE_METHOD]))"
)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def production_storage(s3_endpoint):
    """STORAGES["default"] as cms.settings.production builds it from the environment."""
    environment = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_LOCATION": "media",
        **CREDENTIALS,
    }
    result = run_python(["-c", PRINT_STORAGE], **environment)
    assert result.returncode == 0, result.stderr
    storage, serve_method = json.loads(result.stdout)
    assert storage["BACKEND"] == "cms.media_storage.MediaBucketStorage"
    assert serve_method == "serve_view"
    return storage


@pytest.fixture
def bucket(s3_endpoint, production_storage, settings, monkeypatch):
    """The bucket, and the default storage as production configures it for that bucket."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-2")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.STORAGES = {**settings.STORAGES, "default": production_storage}
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def local_media():
    return sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


def jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), (0, 66, 107)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_uploaded_image_and_its_rendition_live_in_the_bucket(bucket, client, site):
    before = local_media()
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "x"))

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Harbour", "file": SimpleUploadedFile("harbour.jpg", jpeg(), "image/jpeg")},
    )

    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get(title="Harbour")
    assert keys(bucket) == [f"media/{image.file.name}"]
    rendition = image.get_rendition("fill-100x100")  # made from the bucket's original
    assert f"media/{rendition.file.name}" in keys(bucket)
    assert rendition.url == f"/media/{rendition.file.name}"  # this site's address, not the bucket's

    served = client.get(rendition.url)
    stored = bucket.get_object(Bucket=BUCKET, Key=f"media/{rendition.file.name}")["Body"].read()
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == stored
    assert PILImage.open(io.BytesIO(stored)).size == (100, 100)
    assert client.get("/media/images/missing.jpg").status_code == 404
    assert local_media() == before


@pytest.mark.django_db
def test_a_document_in_the_bucket_is_served_by_wagtails_view(bucket, client, site):
    document = get_document_model().objects.create(
        title="Annual report",
        file=SimpleUploadedFile("annual-report.pdf", b"%PDF-1.4 report", "application/pdf"),
    )

    response = client.get(document.url)

    assert f"media/{document.file.name}" in keys(bucket)
    assert response.status_code == 200  # streamed by Wagtail's view, not a redirect
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
    assert client.get(f"/media/{document.file.name}").status_code == 404
