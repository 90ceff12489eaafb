"""Attach the evidence manifest to a PDF and sign it as PAdES baseline B-B (or B-T with a TSA).

Everything happens in memory: the caller writes the returned bytes atomically, so a signing
failure (wrong key, unreachable timestamp authority) never leaves a half-written or empty file.
pyHanko is imported here only, when a report is finished, so start-up stays fast.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from auditor.errors import SigningError
from auditor.signing.keys import SigningMaterial

SIGNATURE_FIELD = "AuditorSignature"


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF before signing, so the signature covers it."""

    name: str
    data: bytes
    mime_type: str = "application/octet-stream"
    description: str = ""


@dataclass(frozen=True)
class SignatureRequest:
    """How to sign: who, where the visible signature goes, and an optional timestamp authority."""

    material: SigningMaterial
    box: tuple[int, int, int, int]
    page: int = -1
    tsa_url: str | None = None
    reason: str = "Vendor audit report"
    location: str | None = None
    stamp_lines: tuple[str, ...] = ()


def quiet_pyhanko_logs() -> None:
    """pyHanko logs expected validation failures with tracebacks; our callers report them instead."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _latin1(text: str) -> str:
    """pyHanko's built-in stamp font only encodes Latin-1: keep the rest recognisable, not broken."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _latin1_name(material: SigningMaterial) -> bool:
    from cryptography.x509.oid import NameOID

    names = material.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    try:
        str(names[0].value if names else "").encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _embed(writer, attachments: list[Attachment]) -> None:
    from pyhanko.pdf_utils import embed

    for item in attachments:
        data = embed.EmbeddedFileObject.from_file_data(writer, item.data, mime_type=item.mime_type)
        embed.embed_file(writer, embed.FileSpec(file_spec_string=item.name, embedded_data=data,
                                                description=item.description or None))


def attach_files(pdf: bytes, attachments: list[Attachment]) -> bytes:
    """An unsigned report still carries its manifest: one incremental update with the files."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _embed(writer, attachments)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pyhanko_signer(material: SigningMaterial):
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der_key = material.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
    cert = asn1_x509.Certificate.load(material.cert.public_bytes(serialization.Encoding.DER))
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in material.chain]
    return signers.SimpleSigner(signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
                                cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))


def sign_pdf(pdf: bytes, request: SignatureRequest, attachments: list[Attachment] = ()) -> bytes:
    """The signed document as bytes: attachments and signature in one incremental revision."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
    from pyhanko.stamp import TextStampStyle

    quiet_pyhanko_logs()
    timestamper = None
    if request.tsa_url:
        if not request.tsa_url.startswith(("http://", "https://")):
            raise SigningError(f"--tsa {request.tsa_url!r}: a timestamp authority is an http(s) URL")
        from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

        timestamper = RequestsHTTPTimeStamper(request.tsa_url, timeout=15)
    meta = PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=SigSeedSubFilter.PADES,  # PAdES baseline: B-B, or B-T with a signature timestamp
        md_algorithm="sha256",
        reason=request.reason,
        location=request.location,
        use_pades_lta=False,
    )
    first = "Digitally signed by %(signer)s" if _latin1_name(request.material) else \
        "Digitally signed (signer named on this page)"
    stamp_text = "\n".join(_latin1(line) for line in (first, "Time: %(ts)s", *request.stamp_lines))
    pdf_signer = PdfSigner(
        meta, _pyhanko_signer(request.material), timestamper=timestamper,
        stamp_style=TextStampStyle(stamp_text=stamp_text, border_width=1),
        new_field_spec=fields.SigFieldSpec(sig_field_name=SIGNATURE_FIELD, on_page=request.page,
                                           box=request.box),
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        _embed(writer, list(attachments))
        out = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=out)
    except SigningError:
        raise
    except Exception as exc:  # pyHanko wraps network, TSA and crypto failures in many types
        where = f"timestamp authority {request.tsa_url}: " if timestamper and _is_tsa_error(exc) else ""
        raise SigningError(f"signing failed: {where}{_one_line(exc)}") from None
    return out.getvalue()


def _is_tsa_error(exc: Exception) -> bool:
    names = {type(e).__name__ for e in _chain(exc)}
    return bool(names & {"TimestampRequestError", "ConnectionError", "Timeout", "HTTPError", "RequestException"})


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
