"""Interview rubric: criteria scored on an anchored scale whose every level is described."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Level(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: int = Field(ge=0, le=10)
    label: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=1, max_length=600)
    label_fr: str = Field(default="", max_length=80)
    description_fr: str = Field(default="", max_length=600)

    def label_in(self, french: bool) -> str:
        return self.label_fr if french and self.label_fr else self.label

    def description_in(self, french: bool) -> str:
        return self.description_fr if french and self.description_fr else self.description


class Criterion(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: str = Field(min_length=1, max_length=120)
    label_fr: str = Field(default="", max_length=120)
    weight: float = Field(default=1.0, gt=0, le=100)
    levels: tuple[Level, ...] = Field(min_length=2, max_length=11)

    @model_validator(mode="after")
    def _levels_consecutive(self) -> Criterion:
        values = [lvl.value for lvl in self.levels]
        if values != list(range(values[0], values[0] + len(values))):
            raise ValueError(f"criterion {self.key}: levels must be consecutive integers")
        return self

    @property
    def min_level(self) -> int:
        return self.levels[0].value

    @property
    def max_level(self) -> int:
        return self.levels[-1].value

    def level(self, value: int) -> Level:
        for lvl in self.levels:
            if lvl.value == value:
                return lvl
        raise KeyError(value)


class Rubric(BaseModel):
    model_config = ConfigDict(frozen=True)

    criteria: tuple[Criterion, ...] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _unique_keys(self) -> Rubric:
        keys = [c.key for c in self.criteria]
        if len(set(keys)) != len(keys):
            raise ValueError("rubric criteria keys must be unique")
        return self

    def criterion(self, key: str) -> Criterion:
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.criteria]


def _criterion(
    key: str, label: str, label_fr: str, descriptions: list[str], descriptions_fr: list[str]
) -> Criterion:
    names = ("Insufficient", "Weak", "Adequate", "Good", "Excellent")
    names_fr = ("Insuffisant", "Faible", "Correct", "Bon", "Excellent")
    return Criterion(
        key=key,
        label=label,
        label_fr=label_fr,
        levels=tuple(
            Level(
                value=i + 1,
                label=names[i],
                description=d,
                label_fr=names_fr[i],
                description_fr=descriptions_fr[i],
            )
            for i, d in enumerate(descriptions)
        ),
    )


def default_rubric() -> Rubric:
    """The motivation-interview rubric: 6 criteria on levels 1-5, each level anchored."""
    return Rubric(
        criteria=(
            _criterion(
                "motivation",
                "Motivation",
                "Motivation",
                [
                    "Cannot say why they apply; answers are generic or copied.",
                    "Some interest, but vague about this school and about studying in France.",
                    "Clear reasons to apply, linked to the programme in general terms.",
                    "Well-argued choice, knows the programme and what it will bring them.",
                    "Compelling, specific and mature; has researched courses, labs and life here.",
                ],
                [
                    "Ne sait pas dire pourquoi il ou elle postule ; réponses génériques.",
                    "Un certain intérêt, mais flou sur l'école et sur des études en France.",
                    "Raisons claires de postuler, liées au programme en termes généraux.",
                    "Choix bien argumenté ; connaît le programme et ce qu'il lui apportera.",
                    "Convaincant, précis et mûr ; connaît les cours, les labos, la vie ici.",
                ],
            ),
            _criterion(
                "project",
                "Personal and professional project",
                "Projet personnel et professionnel",
                [
                    "No project beyond obtaining a degree.",
                    "A project is named but not thought through.",
                    "A plausible project with a few concrete steps.",
                    "A coherent project that fits the chosen option and wishes.",
                    "A clear, realistic project with alternatives; the option is the natural path.",
                ],
                [
                    "Aucun projet au-delà de l'obtention d'un diplôme.",
                    "Un projet est nommé mais pas réfléchi.",
                    "Un projet plausible avec quelques étapes concrètes.",
                    "Un projet cohérent, en accord avec l'option et les vœux choisis.",
                    "Projet clair et réaliste, avec des alternatives ; l'option en est la suite.",
                ],
            ),
            _criterion(
                "science",
                "Scientific background",
                "Bases scientifiques",
                [
                    "Serious gaps in fundamentals expected at this stage.",
                    "Fundamentals shaky; struggles to explain their own coursework.",
                    "Sound fundamentals; explains coursework correctly.",
                    "Solid and curious; reasons well on an unseen question.",
                    "Outstanding depth; connects ideas across subjects with ease.",
                ],
                [
                    "Lacunes sérieuses sur les fondamentaux attendus à ce stade.",
                    "Fondamentaux fragiles ; peine à expliquer ses propres cours.",
                    "Fondamentaux solides ; explique correctement ses cours.",
                    "Solide et curieux ; raisonne bien sur une question inédite.",
                    "Profondeur remarquable ; relie avec aisance les idées de plusieurs matières.",
                ],
            ),
            _criterion(
                "communication",
                "Communication",
                "Communication",
                [
                    "Hard to follow; does not answer the questions asked.",
                    "Understandable but disorganised; needs much prompting.",
                    "Clear answers, organised enough to follow.",
                    "Structured, concise, listens and adapts.",
                    "Engaging and precise; a natural discussion partner.",
                ],
                [
                    "Difficile à suivre ; ne répond pas aux questions posées.",
                    "Compréhensible mais désorganisé ; a besoin de beaucoup de relances.",
                    "Réponses claires, assez organisées pour être suivies.",
                    "Structuré, concis, écoute et s'adapte.",
                    "Captivant et précis ; un interlocuteur naturel.",
                ],
            ),
            _criterion(
                "english",
                "English",
                "Anglais",
                [
                    "Cannot hold the interview in English.",
                    "Frequent breakdowns; simple exchanges only.",
                    "Communicates adequately despite errors (about B2).",
                    "Fluent with minor errors (about C1).",
                    "Fully fluent and nuanced.",
                ],
                [
                    "Ne peut pas tenir l'entretien en anglais.",
                    "Ruptures fréquentes ; échanges simples seulement.",
                    "Communique correctement malgré des erreurs (environ B2).",
                    "Fluide, avec des erreurs mineures (environ C1).",
                    "Parfaitement fluide et nuancé.",
                ],
            ),
            _criterion(
                "openness",
                "Openness",
                "Ouverture",
                [
                    "No interest beyond their field; closed to other cultures.",
                    "Little experience or curiosity outside their studies.",
                    "Some activities or experience abroad or in associations.",
                    "Real commitments outside class; curious about France and Europe.",
                    "Rich, varied experience; ready to thrive in a multicultural school.",
                ],
                [
                    "Aucun intérêt hors de son domaine ; fermé aux autres cultures.",
                    "Peu d'expérience ou de curiosité en dehors des études.",
                    "Quelques activités, expériences à l'étranger ou associatives.",
                    "Vrais engagements hors des cours ; curieux de la France et de l'Europe.",
                    "Riche expérience ; prêt à s'épanouir dans une école multiculturelle.",
                ],
            ),
        )
    )
