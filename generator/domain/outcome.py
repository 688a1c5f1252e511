"""What one run of the checks yields: findings, the records and their figures."""

from __future__ import annotations

from dataclasses import dataclass

from generator.domain.compliance import Compliance
from generator.domain.findings import Finding
from generator.domain.model import Records


@dataclass(frozen=True, slots=True)
class Outcome:
    findings: list[Finding]
    records: Records
    compliance: Compliance
