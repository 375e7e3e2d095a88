"""People import: which files are read as text, and that a refused file leaves nothing behind (issue 10)."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import PeopleImport, User
from accounts.people_import import people_csv_decode, people_import_upload
from tests.accounts.test_people_import import csv_bytes, dutch_row
from tests.factories import OrganisationFactory, hr_adviser

pytestmark = pytest.mark.django_db

NOT_TEXT = "This is not a CSV text file. Export the list from the HR system as “CSV UTF-8” and upload that file."
MIXED = (
    "Part of this file is UTF-8 and part is not, so names would come out garbled. Export the list from the HR "
    "system again as “CSV UTF-8”."
)
UTF16 = (
    "This file is saved as UTF-16 (“Unicode text”). Export the list from the HR system as “CSV UTF-8” and upload "
    "that file."
)


def control_character_on(line: int) -> str:
    return (
        f"This is not a CSV text file: line {line} holds a character that text never contains. Export the list "
        "from the HR system as “CSV UTF-8” and upload that file."
    )


# Junk the size of a real upload, scaled down: every byte value but zero, as in the file of issue 10 that passed
# the old check for zero bytes. A real 10 MB file is refused the same way, at its first control byte.
BINARY_WITHOUT_ZERO_BYTES = b"Naam;E-mail\r\n" + bytes(range(1, 256)) * 1000
NAMES = [dutch_row("rene@example.test", first="René", last="Müller"), dutch_row("zoe@example.test", first="Zoë")]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "raw",
    [
        csv_bytes(NAMES, encoding="utf-8"),
        csv_bytes(NAMES, encoding="utf-8-sig"),
        csv_bytes(NAMES, encoding="cp1252"),
        csv_bytes(NAMES, encoding="latin-1"),
    ],
    ids=["utf-8", "utf-8 with byte order mark", "windows-1252", "latin-1"],
)
def test_utf8_with_or_without_bom_windows_1252_and_latin_1_read_the_same(raw):
    text = people_csv_decode(raw)

    assert text == csv_bytes(NAMES).decode("utf-8")
    assert not text.startswith("\ufeff")


def test_windows_1252_reads_its_own_punctuation():
    # Excel's plain "CSV" writes curly quotes and the euro sign in bytes 0x80-0x9f; they are text, not control codes.
    raw = "Naam;E-mail;Notitie\r\nAnna ’t Hart;anna@example.test;„Budget” € 933 – ok…\r\n".encode("cp1252")

    assert people_csv_decode(raw) == "Naam;E-mail;Notitie\r\nAnna ’t Hart;anna@example.test;„Budget” € 933 – ok…\r\n"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (BINARY_WITHOUT_ZERO_BYTES, control_character_on(2)),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml" * 100, control_character_on(1)),  # an .xlsx renamed
        (b"Naam;E-mail\r\nAnna;anna@example.test\r\nPiet\x0b;piet@example.test\r\n", control_character_on(3)),
        ("Naam;E-mail\r\nAnna\x85;anna@example.test\r\n".encode(), control_character_on(2)),  # C1 in UTF-8
        ("Naam;E-mail\r\nAnna;anna@example.test\r\n".encode("utf-16"), UTF16),
        ("Naam;E-mail\r\nJosé;jose@example.test\r\n".encode() + "Zoë;zoe@example.test\r\n".encode("cp1252"), MIXED),
        (b"Naam;E-mail\r\nAnna\x81;anna@example.test\r\n", NOT_TEXT),  # 0x81 is no character in Windows-1252
        (bytes(range(0x80, 0x100)) * 100, NOT_TEXT),  # high bytes only: neither UTF-8 nor Windows-1252
    ],
    ids=[
        "binary without zero bytes",
        "a spreadsheet",
        "a vertical tab",
        "a C1 control",
        "utf-16",
        "utf-8 and windows-1252 mixed",
        "a byte windows-1252 does not define",
        "high bytes",
    ],
)
def test_a_file_that_is_not_clean_text_is_refused_with_a_reason(raw, message):
    with pytest.raises(ValidationError) as refusal:
        people_csv_decode(raw)

    assert refusal.value.messages == [message]


def _cached_import_keys() -> list:
    return cache._cache.get_client().keys("*people-import*")


def _upload(client, raw: bytes):
    return client.post(reverse("accounts:import_upload"), {"file": SimpleUploadedFile("people.csv", raw, "text/csv")})


@pytest.mark.parametrize(
    ("raw", "errors"),
    [
        (BINARY_WITHOUT_ZERO_BYTES, [control_character_on(2)]),
        (
            csv_bytes([["Anna", "anna@example.test"]], header=["Naam", "Mail"]),
            [
                "The file has no column with e-mail addresses; name it, for example, “E-mail”.",
                "The column “Mail” is not used and will be ignored.",
            ],
        ),
        (csv_bytes([], header=["Naam", "E-mail"]), ["The file contains no people."]),
    ],
    ids=["binary", "no e-mail column", "no people"],
)
def test_a_refused_upload_keeps_nothing_of_the_file(client, settings, tmp_path, raw, errors):
    # Uploads above this size are spooled to a temporary file: it must be gone after the refusal too.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))
    cached = _cached_import_keys()

    response = _upload(client, raw + b" " * 2048)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": errors}
    assert PeopleImport.objects.count() == 0
    assert _cached_import_keys() == cached
    assert list(tmp_path.iterdir()) == []


def test_a_refused_upload_is_explained_in_dutch_to_a_dutch_user(client, settings):
    settings.LANGUAGE_CODE = "nl"
    client.force_login(hr_adviser(OrganisationFactory()))

    response = _upload(client, BINARY_WITHOUT_ZERO_BYTES)

    assert response.context["form"].errors == {
        "file": [
            "Dit is geen CSV-tekstbestand: regel 2 bevat een teken dat nooit in tekst voorkomt. Exporteer de lijst "
            "uit het HR-systeem als “CSV UTF-8” en upload dat bestand."
        ]
    }
    assert PeopleImport.objects.count() == 0


def test_a_refused_file_replaces_no_earlier_preview(client):
    organisation = OrganisationFactory()
    adviser = hr_adviser(organisation)
    earlier = people_import_upload(
        organisation=organisation, uploaded_by=adviser, file_name="a.csv", raw_bytes=csv_bytes([dutch_row("a@x.nl")])
    )
    content = earlier.content

    with pytest.raises(ValidationError):
        people_import_upload(
            organisation=organisation, uploaded_by=adviser, file_name="b.csv", raw_bytes=BINARY_WITHOUT_ZERO_BYTES
        )

    earlier.refresh_from_db()
    assert (earlier.status, earlier.content) == ("preview", content)
    assert PeopleImport.objects.count() == 1


def test_a_windows_1252_upload_imports_the_names_as_written(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    client.force_login(hr_adviser(organisation))

    response = _upload(client, csv_bytes(NAMES, encoding="cp1252"))

    people_import = PeopleImport.objects.get()
    assert response["Location"] == reverse("accounts:import_detail", args=[people_import.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:import_confirm", args=[people_import.pk]))
    people = User.objects.filter(email__in=["rene@example.test", "zoe@example.test"])
    assert sorted(people.values_list("first_name", "last_name")) == [
        ("René", "Müller"),
        ("Zoë", "Jansen"),
    ]
