"""Who says it and how sure, over short texts in the reporting frames of long news copy.

Each case: language, text (one or more sentences, written for these tests), and the claims
wanted as (type, quantity value, attributed_to name or None, modality).
"""
from __future__ import annotations

from typing import Any

import pytest

CASES: list[tuple[str, str, set[tuple[Any, ...]]]] = [
    # a meeting named as background of the report is the narrator's, and it took place
    ("ru", "Ким Чен Ын решил направить в Россию 2 тыс. строителей, "
           "заявил Путин после встречи с северокорейским лидером.",
     {("labor_dispatch", 2000, "Vladimir Putin", "announced_planned"), ("meeting", None, None, "completed")}),
    ("ko", "김 위원장과 회담한 푸틴 대통령은 북한이 노동자 2천 명을 보낼 예정이라고 말했다.",
     {("labor_dispatch", 2000, "Vladimir Putin", "announced_planned"), ("meeting", None, None, "completed")}),
    ("es", "Putin dijo tras reunirse con Kim Jong-un que Corea del Norte enviará 2.000 trabajadores a Rusia.",
     {("labor_dispatch", 2000, "Vladimir Putin", "announced_planned"), ("meeting", None, None, "completed")}),
    ("fr", "Poutine a déclaré à l'issue d'une rencontre avec Kim Jong Un "
           "que la Corée du Nord va envoyer 2 000 ouvriers en Russie.",
     {("labor_dispatch", 2000, "Vladimir Putin", "announced_planned"), ("meeting", None, None, "completed")}),
    # "Об этом сообщил X": the source of the sentence before
    ("ru", "КНДР отправит в Россию 3 тыс. рабочих. Об этом в среду сообщил Сергей Лавров.",
     {("labor_dispatch", 3000, "Sergei Lavrov", "announced_planned")}),
    ("ko", "북한이 러시아에 노동자 3천 명을 보낼 계획이다. 라브로프 장관이 이같이 밝혔다.",
     {("labor_dispatch", 3000, "Sergei Lavrov", "announced_planned")}),
    # a dateline's city is where the copy was filed; the speaker stands in apposition
    ("es", "Moscú, 3 mar. — Corea del Norte ha decidido enviar 2.000 zapadores a Kursk, "
           "anunció el portavoz ruso, Dmitri Peskov.",
     {("labor_dispatch", 2000, "Dmitry Peskov", "announced_planned")}),
    # both parties: Russia and the document's partner
    ("ko", "양국은 북한군 병력이 러시아에서 전투에 참가했다고 인정했다.",
     {("troop_deployment", None, "Russia and North Korea", "completed")}),
    ("ru", "Обе стороны признали, что военнослужащие КНДР участвовали в боях в Курской области.",
     {("troop_deployment", None, "Russia and North Korea", "completed")}),
    ("de", "Beide Länder bestätigten, dass nordkoreanische Soldaten in der Region Kursk kämpften.",
     {("troop_deployment", None, "Russia and North Korea", "completed")}),
    # a sentence that goes on with the previous one's figures keeps its source
    ("ko", "국정원에 따르면 지난해 러시아에 입국한 북한 주민은 2만 명이었다. 이 가운데 9천 명이 학생 비자로 입국했다.",
     {("other", 20000, "South Korea's National Intelligence Service", "completed"),
      ("other", 9000, "South Korea's National Intelligence Service", "completed")}),
    ("ru", "По данным Росстата, в прошлом году в Россию въехали 20 тыс. граждан КНДР. "
           "Из них 9 тыс. человек прибыли на учебу.",
     {("other", 20000, "Russia's federal statistics service", "completed"),
      ("other", 9000, "Russia's federal statistics service", "completed")}),
    # a restatement that names its source replaces a first mention in passing
    ("ru", "Лидеры почтили память военнослужащих КНДР, погибших в боях. Москва признала, что военнослужащие КНДР "
           "участвовали в боях за Курскую область.",
     {("troop_deployment", None, "Russia", "completed")}),
    # descriptive sources and bodies
    ("de", "Nach ukrainischen Angaben haben Nordkorea und Russland 2.000 Arbeiter nach Kursk geschickt.",
     {("labor_dispatch", 2000, "Ukrainian officials", "completed")}),
    ("de", "Nordkorea hat nach Einschätzung des US-Verteidigungsministeriums 2.000 Soldaten nach Russland geschickt.",
     {("troop_deployment", 2000, "Pentagon", "reported_estimate")}),
    ("de", "Der Kreml hat Berichte über nordkoreanische Soldaten in Russland als Falschmeldung bezeichnet.",
     {("troop_deployment", None, "Kremlin", "denied")}),
    # a cited body's data: the body is the source, the analyst relays it, and nothing is guessed
    ("ko", "일본 언론이 러시아 연방통계청 자료를 분석한 결과 지난해 러시아에 입국한 북한 주민은 2만 명이었다.",
     {("other", 20000, "Russia's federal statistics service", "completed")}),
    # a total that sums a plan is a plan
    ("ko", "푸틴 대통령은 북한이 쿠르스크에 공병 2천 명을 보내기로 결정했다고 밝혔다. "
           "이로써 북한이 보내는 인원은 모두 7천 명이 된다.",
     {("labor_dispatch", 2000, "Vladimir Putin", "announced_planned"),
      ("labor_dispatch", 7000, None, "announced_planned")}),
    # a conditional reckoning is an estimate
    ("ko", "국방부는 북한이 러시아에 보낸 컨테이너가 모두 포탄이라면 200만 발에 해당한다고 설명했다.",
     {("arms_transfer", 2000000, "South Korea's Defence Ministry", "reported_estimate")}),
    # "바 있다" reports a past statement, not an ongoing state
    ("ko", "국정원은 북한이 러시아에 노동자 2천 명을 파견했다고 밝힌 바 있다.",
     {("labor_dispatch", 2000, "South Korea's National Intelligence Service", "completed")}),
    # "была переброшена": the past of "быть" announces nothing
    ("ru", "По данным Пентагона, 2 тыс. военнослужащих КНДР были переброшены в Курскую область.",
     {("troop_deployment", 2000, "Pentagon", "completed")}),
    # German "werden": passive with a participle, future with an infinitive
    ("de", "Laut Rutte werden in Russland bereits 4.000 nordkoreanische Soldaten ausgebildet.",
     {("troop_deployment", 4000, "Mark Rutte", "ongoing")}),
    ("de", "Nordkorea wird 4.000 Soldaten nach Russland schicken, sagte Rutte.",
     {("troop_deployment", 4000, "Mark Rutte", "announced_planned")}),
]


def _row(claim: Any) -> tuple[Any, ...]:
    q = claim.quantity
    value = q.value if q is not None and q.value is not None else None
    return (claim.type, value, claim.attributed_to.name if claim.attributed_to else None, claim.modality)


@pytest.mark.parametrize(("lang", "text", "want"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_source_and_modality(ml: dict[str, Any], lang: str, text: str, want: set[tuple[Any, ...]]) -> None:
    got = {_row(c) for c in ml[lang].extract_text(text, "2025-03-03")}
    assert got == want
