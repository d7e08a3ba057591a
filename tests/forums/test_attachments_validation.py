"""Uploads are judged by their content: pictures re-encoded without metadata, documents by
signature, and the name must agree with what the file really is."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from tertulia.forums.models import AttachmentKind
from tertulia.forums.services.attachments import validate_upload
from tertulia.forums.uploads import MAX_UNPACKED_BYTES, clean_file_name
from tests.images import GPS_IFD, MAKE, decompression_bomb, jpeg_with_gps, png, upload


def docx_bytes() -> bytes:
    """The smallest Word document Word opens: content types, a relationship, a body."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Género y desarrollo</w:t>'
            "</w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def odt_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_photo_is_re_encoded_without_exif_or_gps() -> None:
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test's premise

    result = validate_upload(upload("20170913_102718.jpg", original))

    stored = result.file.read()
    assert stored != original
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert MAKE not in exif
    assert b"TestCam" not in stored
    assert "exif" not in image.info
    assert result.kind == AttachmentKind.IMAGE
    assert result.content_type == "image/jpeg"
    assert (result.width, result.height) == (800, 600)
    assert result.original_name == "20170913_102718.jpg"


def test_a_photo_gets_a_webp_thumbnail_within_480_pixels() -> None:
    result = validate_upload(upload("wide.jpg", jpeg_with_gps(size=(1600, 400))))

    assert result.thumbnail is not None
    thumbnail = Image.open(io.BytesIO(result.thumbnail.read()))
    assert thumbnail.format == "WEBP"
    assert thumbnail.size == (480, 120)


def test_a_png_stays_a_png_with_its_transparency() -> None:
    result = validate_upload(upload("diagram.png", png(), "image/png"))

    image = Image.open(io.BytesIO(result.file.read()))
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert result.content_type == "image/png"


def test_a_camera_orientation_is_applied_to_the_pixels() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show upright
    out = io.BytesIO()
    Image.new("RGB", (300, 100), (0, 0, 0)).save(out, format="JPEG", exif=exif.tobytes())

    result = validate_upload(upload("portrait.jpg", out.getvalue()))

    image = Image.open(io.BytesIO(result.file.read()))
    assert image.size == (100, 300)
    assert 0x0112 not in image.getexif()


def test_an_animated_gif_keeps_its_first_frame() -> None:
    frames = [Image.new("P", (40, 20), colour) for colour in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])

    result = validate_upload(upload("wave.gif", out.getvalue(), "image/gif"))

    image = Image.open(io.BytesIO(result.file.read()))
    assert image.format == "GIF"
    assert getattr(image, "n_frames", 1) == 1


def test_storage_names_are_generated_not_the_members_name() -> None:
    result = validate_upload(upload("Évaluation de genre.jpg", jpeg_with_gps()))

    assert result.file.name is not None
    assert "valuation" not in result.file.name
    assert result.file.name.endswith(".jpg")
    assert len(result.file.name) == 32 + len(".jpg")


def test_a_text_file_named_png_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload("notes.png", b"Just some notes\n", "image/png"))

    assert "not a picture" in caught.value.messages[0]


def test_a_pdf_named_docx_is_refused_saying_what_it_is() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload("report.docx", PDF, "application/msword"))

    message = caught.value.messages[0]
    assert "PDF" in message
    assert ".docx" in message
    assert ".pdf" in message


def test_a_picture_named_pdf_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\.pdf"):
        validate_upload(upload("scan.pdf", jpeg_with_gps(), "application/pdf"))


def test_a_real_docx_is_accepted() -> None:
    result = validate_upload(upload("Guía de formación.docx", docx_bytes(), "application/zip"))

    assert result.kind == AttachmentKind.DOCUMENT
    assert result.content_type.endswith("wordprocessingml.document")
    assert result.original_name == "Guía de formación.docx"
    assert result.file.name is not None
    assert result.file.name.endswith(".docx")
    assert result.thumbnail is None


def test_a_docx_named_xlsx_is_refused() -> None:
    with pytest.raises(ValidationError, match="Word document"):
        validate_upload(upload("budget.xlsx", docx_bytes()))


def test_a_pdf_and_an_odt_are_accepted() -> None:
    assert validate_upload(upload("a.pdf", PDF)).content_type == "application/pdf"
    assert (
        validate_upload(upload("b.odt", odt_bytes())).content_type
        == "application/vnd.oasis.opendocument.text"
    )


def test_an_odt_with_the_wrong_mimetype_is_refused() -> None:
    with pytest.raises(ValidationError):
        validate_upload(upload("b.odt", odt_bytes("application/vnd.oasis.opendocument.graphics")))


def test_a_zip_that_is_not_a_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("setup.exe", b"MZ")
    with pytest.raises(ValidationError, match="cannot accept"):
        validate_upload(upload("report.docx", out.getvalue()))


def test_a_zip_bomb_is_refused_from_its_central_directory() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (MAX_UNPACKED_BYTES // 4))
        for n in range(4):
            archive.writestr(f"word/media/padding{n}.bin", b"\0" * (MAX_UNPACKED_BYTES // 4))
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024  # small on the wire, huge unpacked

    with pytest.raises(ValidationError, match="unpacks"):
        validate_upload(upload("report.docx", data))


def test_a_damaged_zip_is_refused() -> None:
    with pytest.raises(ValidationError, match="damaged"):
        validate_upload(upload("report.docx", b"PK\x03\x04" + b"\x01" * 200))


def test_text_and_csv_must_be_clean_text() -> None:
    text = validate_upload(upload("notas.txt", "Égalité des genres\n".encode()))
    table = validate_upload(upload("datos.csv", "país;año\nPerú;2017\n".encode("latin-1")))

    assert text.content_type == "text/plain; charset=utf-8"
    assert table.content_type == "text/csv; charset=iso-8859-1"
    with pytest.raises(ValidationError):
        validate_upload(upload("program.txt", b"MZ\x90\x00\x03\x00\x00\x00"))
    with pytest.raises(ValidationError):
        validate_upload(upload("notes.txt", "Género".encode("latin-1")))


def test_text_named_like_a_document_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\.txt"):
        validate_upload(upload("report.pdf", b"Not really a PDF\n"))


def test_an_oversize_file_is_refused(settings: Any) -> None:
    settings.FORUM_ATTACHMENT_MAX_BYTES = 1000

    with pytest.raises(ValidationError) as caught:
        validate_upload(upload("a.pdf", PDF + b"0" * 2000))

    assert caught.value.code == "too_large"


def test_a_file_larger_than_it_claims_is_refused(settings: Any) -> None:
    settings.FORUM_ATTACHMENT_MAX_BYTES = 1000
    lying = upload("a.pdf", PDF + b"0" * 2000)
    lying.size = 10

    with pytest.raises(ValidationError, match="larger than"):
        validate_upload(lying)


def test_a_decompression_bomb_is_refused() -> None:
    with pytest.raises(ValidationError, match="too large in pixels"):
        validate_upload(upload("bomb.png", decompression_bomb(), "image/png"))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(upload("empty.txt", b""))


def test_file_names_are_cleaned_for_display() -> None:
    assert clean_file_name("C:\\Users\\ana\\informe.pdf") == "informe.pdf"
    assert clean_file_name("../../etc/passwd") == "passwd"
    assert clean_file_name("photo\u202egpj.exe") == "photogpj.exe"
    assert clean_file_name("tab\there.txt") == "tabhere.txt"
    long = clean_file_name("ñ" * 300 + ".pdf")
    assert len(long) == 255
    assert long.endswith(".pdf")
    assert clean_file_name("...") == "attachment"
