<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AmendDialog</name>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="26"/>
        <source>Amend a submitted scorecard</source>
        <translation>Amender une grille soumise</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="29"/>
        <source>Your scorecard is submitted. An amendment is recorded with its reason in the audit trail, and the panel sees the new values.</source>
        <translation>Votre grille est soumise. Un amendement est enregistré avec son motif dans le journal d&apos;audit, et le jury voit les nouvelles valeurs.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="47"/>
        <source>Recommendation</source>
        <translation>Avis</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="52"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="55"/>
        <source>Required: why the submitted card changes</source>
        <translation>Obligatoire : pourquoi la grille soumise change</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="56"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amend_dialog.py" line="60"/>
        <source>Record amendment</source>
        <translation>Enregistrer l&apos;amendement</translation>
    </message>
</context>
<context>
    <name>AssessorDialog</name>
    <message>
        <location filename="../../ui/dialogs/assessor.py" line="24"/>
        <source>Professor</source>
        <translation>Enseignant-chercheur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assessor.py" line="25"/>
        <source>Representative</source>
        <translation>Représentant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assessor.py" line="26"/>
        <source>head of delegation</source>
        <translation>chef de délégation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assessor.py" line="35"/>
        <source>Who are you?</source>
        <translation>Qui êtes-vous ?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assessor.py" line="37"/>
        <source>Choose your name in this mission&apos;s team. Your marks, scorecards and check-ins are recorded under it.</source>
        <translation>Choisissez votre nom dans l&apos;équipe de cette mission. Vos notes, grilles d&apos;entretien et pointages sont enregistrés sous ce nom.</translation>
    </message>
</context>
<context>
    <name>AssessorProgressModel</name>
    <message>
        <location filename="../../ui/models/progress.py" line="99"/>
        <source>Assessor</source>
        <translation>Évaluateur</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="99"/>
        <source>Interviews</source>
        <translation>Entretiens</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="99"/>
        <source>Not started</source>
        <translation>Pas commencées</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="100"/>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="100"/>
        <source>Submitted</source>
        <translation>Soumises</translation>
    </message>
</context>
<context>
    <name>CalibrationPage</name>
    <message>
        <location filename="../../ui/pages/calibration.py" line="80"/>
        <source>Calibration</source>
        <translation>Calibrage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="103"/>
        <source>Calibration compares how each colleague marks and scores: it is for the head of delegation, and the blind panel keeps it from the other members. Ask the head of delegation to go through it with the team.</source>
        <translation>Le calibrage compare la façon dont chaque collègue note et évalue : il est réservé au chef de délégation, et le jury à l&apos;aveugle le cache aux autres membres. Demandez au chef de délégation de le parcourir avec l&apos;équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="124"/>
        <source>Interview levels: assessors × criteria</source>
        <translation>Niveaux d&apos;entretien : évaluateurs × critères</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="138"/>
        <source>Double-click or Enter: the script&apos;s marks on the written-tests page</source>
        <translation>Double-clic ou Entrée : les notes de la copie sur la page des épreuves écrites</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="153"/>
        <source>Written marks: markers</source>
        <translation>Notes écrites : correcteurs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="154"/>
        <source>Largest marking gaps: scripts to read again</source>
        <translation>Plus grands écarts de correction : copies à relire</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="155"/>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="224"/>
        <source>Assessors: %1 · marker figures: %2 · scripts with a gap listed: %3</source>
        <translation>Évaluateurs : %1 · chiffres de correcteurs : %2 · copies à écart listées : %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="238"/>
        <source>Agreement within panels (weighted kappa): %1</source>
        <translation>Accord au sein des jurys (kappa pondéré) : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="245"/>
        <source>How each colleague&apos;s levels and marks compare with the others&apos; for the same candidates, with 95% intervals. A figure resting on fewer than %1 candidates is hidden (n&lt;%1).</source>
        <translation>Comment les niveaux et les notes de chaque collègue se comparent à ceux des autres pour les mêmes candidats, avec des intervalles à 95 %. Un chiffre fondé sur moins de %1 candidats est masqué (n&lt;%1).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="250"/>
        <source>harsher than the panel</source>
        <translation>plus sévère que le jury</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="251"/>
        <source>in line</source>
        <translation>conforme</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="252"/>
        <source>more lenient</source>
        <translation>plus indulgent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calibration.py" line="253"/>
        <source>levels from the panel&apos;s mean for the same candidates; hover a cell for its interval</source>
        <translation>niveaux d&apos;écart à la moyenne du jury pour les mêmes candidats ; survolez une case pour son intervalle</translation>
    </message>
</context>
<context>
    <name>CandidatePanel</name>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="54"/>
        <source>Candidate %1</source>
        <translation>Candidat %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="69"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="69"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="70"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="70"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="79"/>
        <source>History of changes</source>
        <translation>Historique des modifications</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="81"/>
        <source>&amp;Print report…</source>
        <translation>&amp;Imprimer le rapport…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="83"/>
        <source>This candidate&apos;s interview report as a PDF</source>
        <translation>Le rapport d&apos;entretien de ce candidat en PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="100"/>
        <source>This candidate is no longer on this desk.</source>
        <translation>Ce candidat n&apos;est plus sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="103"/>
        <source>born %1</source>
        <translation>né(e) le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="104"/>
        <source>birth date unknown</source>
        <translation>date de naissance inconnue</translation>
    </message>
    <message>
        <source>(hidden: blind marking)</source>
        <translation type="vanished">(masqué : correction à l&apos;aveugle)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="122"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="142"/>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="143"/>
        <source>Nationality</source>
        <translation>Nationalité</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="144"/>
        <source>Home institution</source>
        <translation>Établissement d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="147"/>
        <source>Partner institution</source>
        <translation>Établissement partenaire</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="148"/>
        <source>Wishes</source>
        <translation>Vœux</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="153"/>
        <source>hidden until yours is entered</source>
        <translation>masquée tant que la vôtre n&apos;est pas saisie</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="155"/>
        <source>%1 (you)</source>
        <translation>%1 (vous)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="159"/>
        <source>Marks</source>
        <translation>Notes écrites</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="159"/>
        <source>no mark yet</source>
        <translation>aucune note pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="161"/>
        <source>not started</source>
        <translation>pas commencée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="161"/>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="162"/>
        <source>submitted</source>
        <translation>soumise</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="165"/>
        <source>%1, room %2</source>
        <translation>%1, salle %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="168"/>
        <location filename="../../ui/widgets/candidate_panel.py" line="170"/>
        <source>Interview</source>
        <translation>Entretien</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="170"/>
        <source>not scheduled</source>
        <translation>non planifié</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="176"/>
        <source>(by %1)</source>
        <translation>(par %1)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="180"/>
        <source>none yet</source>
        <translation>aucune pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="181"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="194"/>
        <source>Report of candidate %1</source>
        <translation>Rapport du candidat %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="232"/>
        <source>Candidate details…</source>
        <translation>Fiche du candidat…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="118"/>
        <source>(hidden until your own mark is entered)</source>
        <translation>(masqué tant que votre note n&apos;est pas saisie)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/candidate_panel.py" line="120"/>
        <source>(hidden until your own scorecard is submitted)</source>
        <translation>(masqué tant que votre grille n&apos;est pas soumise)</translation>
    </message>
</context>
<context>
    <name>CandidatesModel</name>
    <message>
        <location filename="../../ui/models/candidates.py" line="53"/>
        <source>Registered</source>
        <translation>Inscrit</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="54"/>
        <source>Present</source>
        <translation>Présent</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="55"/>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="56"/>
        <source>Withdrawn</source>
        <translation>Désisté</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="63"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="64"/>
        <source>Free mover</source>
        <translation>Candidat libre</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="164"/>
        <source>Application no.</source>
        <translation>N° de dossier</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="165"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="166"/>
        <source>Given names</source>
        <translation>Prénoms</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="167"/>
        <source>Home institution</source>
        <translation>Établissement d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="168"/>
        <source>Nationality</source>
        <translation>Nationalité</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="169"/>
        <source>Track</source>
        <translation>Filière</translation>
    </message>
    <message>
        <location filename="../../ui/models/candidates.py" line="170"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <location filename="../../ui/pages/candidates.py" line="54"/>
        <source>Candidates</source>
        <translation>Candidats</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="58"/>
        <source>Search name, application number, institution…</source>
        <translation>Rechercher un nom, un n° de dossier, un établissement…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="65"/>
        <source>All tracks</source>
        <translation>Toutes les filières</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="66"/>
        <source>Free movers</source>
        <translation>Candidats libres</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="67"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="70"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="78"/>
        <source>Track:</source>
        <translation>Filière :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="81"/>
        <source>Status:</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="108"/>
        <source>Present (P)</source>
        <translation>Présent (P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="110"/>
        <source>Absent (A)</source>
        <translation>Absent (A)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="126"/>
        <source>Select a candidate and press P (present) or A (absent) · Ctrl+F searches · Ctrl+I shows the details · Ctrl+Z undoes</source>
        <translation>Sélectionnez un candidat et appuyez sur P (présent) ou A (absent) · Ctrl+F pour chercher · Ctrl+I pour la fiche · Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <source>Select a candidate and press P (present) or A (absent) · Ctrl+F searches · Ctrl+Z undoes</source>
        <translation type="vanished">Sélectionnez un candidat puis P (présent) ou A (absent) · Ctrl+F recherche · Ctrl+Z annule</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="191"/>
        <source>%1 shown of %2 · %3 present · %4 absent</source>
        <translation>%1 affichés sur %2 · %3 présents · %4 absents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="257"/>
        <source>Select a candidate to check their identity.</source>
        <translation>Sélectionnez un candidat pour vérifier son identité.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="259"/>
        <source>born %1</source>
        <translation>né(e) le %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="260"/>
        <source>birth date unknown</source>
        <translation>date de naissance inconnue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/candidates.py" line="278"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <location filename="../../ui/models/interviews.py" line="196"/>
        <source>%1 (you)</source>
        <translation>%1 (vous)</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="201"/>
        <source>Recommendation</source>
        <translation>Avis</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="203"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../ui/models/sync.py" line="139"/>
        <source>Entity</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="139"/>
        <source>Candidate</source>
        <translation>Candidat</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="139"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="140"/>
        <source>Current value</source>
        <translation>Valeur actuelle</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="140"/>
        <source>Other value</source>
        <translation>Autre valeur</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="140"/>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="150"/>
        <source>%1 set the %2 to “%3” on this desk on %4, but another desk had already set it to “%5”, which stays until the head of delegation decides.</source>
        <translation>%1 a mis le champ « %2 » à « %3 » sur ce poste le %4, mais un autre poste l&apos;avait déjà mis à « %5 », qui reste en place jusqu&apos;à la décision du chef de délégation.</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="154"/>
        <source>%1 set the %2 to “%5” on this desk on %4; another desk then set it to “%3” from an older version.</source>
        <translation>%1 a mis le champ « %2 » à « %5 » sur ce poste le %4 ; un autre poste l&apos;a ensuite mis à « %3 » à partir d&apos;une version plus ancienne.</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="158"/>
        <source>Two desks changed the %2 from the same version: “%5” stays, “%3” is kept for the head of delegation to decide.</source>
        <translation>Deux postes ont modifié le champ « %2 » à partir de la même version : « %5 » reste, « %3 » est gardé pour la décision du chef de délégation.</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="164"/>
        <source>Found on %1.</source>
        <translation>Détecté le %1.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="46"/>
        <source>Connect to the admissions server</source>
        <translation>Connexion au serveur des admissions</translation>
    </message>
    <message>
        <source>This desk holds no mission yet. Sign in to the admissions server once, while you have a connection: your mission (candidates, team, rubric) is downloaded and you can then work offline. To try the desk without a server, start it with --demo.</source>
        <translation type="vanished">Ce poste ne contient encore aucune mission. Connectez-vous une fois au serveur des admissions, tant que vous avez une connexion : votre mission (candidats, équipe, grille) est téléchargée et vous pourrez ensuite travailler hors ligne. Pour essayer le logiciel sans serveur, lancez-le avec --demo.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="49"/>
        <source>This desk holds no mission yet. Sign in to the admissions server once, while you have a connection: your mission (candidates, team, rubric) is downloaded and you can then work offline. To try the desk without a server, open the demo mission.</source>
        <translation>Ce poste ne contient encore aucune mission. Connectez-vous une fois au serveur des admissions, tant que vous avez une connexion : votre mission (candidats, équipe, grille) est téléchargée et vous pouvez ensuite travailler hors ligne. Pour essayer le poste sans serveur, ouvrez la mission de démonstration.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="63"/>
        <source>optional: only if you belong to several</source>
        <translation>facultatif : seulement si vous en avez plusieurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="65"/>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="66"/>
        <source>&amp;User name:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="67"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="68"/>
        <source>&amp;Mission code:</source>
        <translation>Code de la &amp;mission :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="75"/>
        <source>&amp;Connect and download</source>
        <translation>Se &amp;connecter et télécharger</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="78"/>
        <source>Open the &amp;demo</source>
        <translation>Ouvrir la &amp;démo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="80"/>
        <source>A ready mission with invented candidates, kept apart from your data; no server needed</source>
        <translation>Une mission prête avec des candidats fictifs, tenue à l&apos;écart de vos données ; aucun serveur nécessaire</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="82"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="107"/>
        <source>Type the server address, your user name and password.</source>
        <translation>Saisissez l&apos;adresse du serveur, votre nom d&apos;utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="117"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connect.py" line="133"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/dialogs/crash.py" line="21"/>
        <source>Mission Desk: unexpected error</source>
        <translation>Mission Desk : erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crash.py" line="24"/>
        <source>Something went wrong. Your edits saved so far are safe. Please copy this report and send it to your IT contact. It was also written to the log file:</source>
        <translation>Une erreur inattendue s&apos;est produite. Les modifications déjà enregistrées sont en sécurité. Copiez ce rapport et envoyez-le à votre contact informatique. Il a aussi été écrit dans le journal :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crash.py" line="36"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crash.py" line="53"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <location filename="../../ui/widgets/level_selector.py" line="105"/>
        <source>Level %1 of %2</source>
        <translation>Niveau %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/level_selector.py" line="107"/>
        <source>not scored</source>
        <translation>non évalué</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="31"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="33"/>
        <source>&amp;Admit</source>
        <translation>&amp;Admettre</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="35"/>
        <source>&amp;Waitlist</source>
        <translation>Liste d&apos;&amp;attente</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="37"/>
        <source>&amp;Reject</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="54"/>
        <source>wish %1</source>
        <translation>vœu %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="64"/>
        <source>Why this decision (kept in the audit trail for appeals)</source>
        <translation>Motif de la décision (conservé dans le journal d&apos;audit en cas de recours)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="84"/>
        <source>Decision:</source>
        <translation>Décision :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="85"/>
        <source>Programme option:</source>
        <translation>Option de formation :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="86"/>
        <source>Rationale:</source>
        <translation>Motivation :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="87"/>
        <source>Override reason:</source>
        <translation>Motif de dérogation :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="72"/>
        <source>Why admit without a complete composite score (printed on the jury minutes)</source>
        <translation>Pourquoi admettre sans note composite complète (imprimé au procès-verbal du jury)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/decision_dialog.py" line="74"/>
        <source>The composite score is incomplete: an admission needs an override reason.</source>
        <translation>La note composite est incomplète : une admission demande un motif de dérogation.</translation>
    </message>
</context>
<context>
    <name>GapsModel</name>
    <message>
        <location filename="../../ui/models/calibration.py" line="286"/>
        <source>Script / candidate</source>
        <translation>Copie / candidat</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="286"/>
        <source>Subject</source>
        <translation>Épreuve</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="286"/>
        <source>Marks</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="287"/>
        <source>Gap</source>
        <translation>Écart</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="312"/>
        <source>Anonymous marking: the script code until the head of delegation lifts anonymity for the subject</source>
        <translation>Correction anonyme : le code de la copie jusqu&apos;à ce que le chef de délégation lève l&apos;anonymat pour l&apos;épreuve</translation>
    </message>
</context>
<context>
    <name>HeatMapModel</name>
    <message>
        <location filename="../../ui/models/calibration.py" line="93"/>
        <source>Assessor</source>
        <translation>Évaluateur</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="158"/>
        <source>Not enough data: n=%1 (a figure shows from %2 candidates)</source>
        <translation>Pas assez de données : n=%1 (un chiffre s&apos;affiche à partir de %2 candidats)</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="160"/>
        <source>more lenient than the panel</source>
        <translation>plus indulgent que le jury</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="161"/>
        <source>harsher than the panel</source>
        <translation>plus sévère que le jury</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="162"/>
        <source>in line with the panel</source>
        <translation>conforme au jury</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="163"/>
        <source>%1: %2 levels from the panel&apos;s mean, 95% interval %3, over %4 candidates (%5).
Extreme levels: %6.</source>
        <translation>%1 : %2 niveau(x) d&apos;écart à la moyenne du jury, intervalle à 95 % %3, sur %4 candidats (%5).
Niveaux extrêmes : %6.</translation>
    </message>
</context>
<context>
    <name>InterviewTimer</name>
    <message>
        <location filename="../../ui/widgets/timer.py" line="125"/>
        <source>Time since the interview started</source>
        <translation>Temps écoulé depuis le début de l&apos;entretien</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/timer.py" line="42"/>
        <location filename="../../ui/widgets/timer.py" line="100"/>
        <location filename="../../ui/widgets/timer.py" line="118"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/timer.py" line="44"/>
        <source>Reset</source>
        <translation>Remettre à zéro</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/timer.py" line="86"/>
        <location filename="../../ui/widgets/timer.py" line="118"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/timer.py" line="91"/>
        <location filename="../../ui/widgets/timer.py" line="117"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/timer.py" line="131"/>
        <source>Time left of the %n-minute slot</source>
        <translation>
            <numerusform>Temps restant du créneau de %n minute</numerusform>
            <numerusform>Temps restant du créneau de %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterviewsPage</name>
    <message>
        <location filename="../../ui/pages/interviews.py" line="148"/>
        <source>My interviews</source>
        <translation>Mes entretiens</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="192"/>
        <source>Rubric — press 1 to 5 on a criterion (or click a level); the focus then moves to the next criterion</source>
        <translation>Grille — tapez 1 à 5 sur un critère (ou cliquez un niveau) ; le curseur passe ensuite au critère suivant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="208"/>
        <source>Notes (saved as you type)</source>
        <translation>Notes (enregistrées à la frappe)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="219"/>
        <source>Overall recommendation:</source>
        <translation>Avis global :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="231"/>
        <source>Submit scorecard…</source>
        <translation>Soumettre la grille…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="234"/>
        <source>Amend…</source>
        <translation>Amender…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="239"/>
        <source>Submit your scorecard (Ctrl+Enter)</source>
        <translation>Soumettre votre grille (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="264"/>
        <source>Panel scorecards</source>
        <translation>Grilles du jury</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="288"/>
        <source>Select an interview in the list.</source>
        <translation>Sélectionnez un entretien dans la liste.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="313"/>
        <source>Interviews</source>
        <translation>Entretiens</translation>
    </message>
    <message>
        <source>%1 interviews · %2 scorecards submitted</source>
        <translation type="vanished">%1 entretiens · %2 grilles soumises</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="445"/>
        <source>Submitted (read-only)</source>
        <translation>Soumise (lecture seule)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="454"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="454"/>
        <source>Free mover</source>
        <translation>Candidat libre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="462"/>
        <source>partner: %1</source>
        <translation>partenaire : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="463"/>
        <source>Wishes: %1</source>
        <translation>Vœux : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="464"/>
        <source>Written tests: %1</source>
        <translation>Épreuves écrites : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="469"/>
        <source>not taken (double-degree track)</source>
        <translation>non passées (filière double diplôme)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="470"/>
        <source>no mark yet</source>
        <translation>pas encore de note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="479"/>
        <source>marked (%1)</source>
        <translation>noté (%1)</translation>
    </message>
    <message>
        <source>abs</source>
        <translation type="vanished">abs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="509"/>
        <source>No other panel member has submitted a scorecard yet.</source>
        <translation>Aucun autre membre du jury n&apos;a encore soumis sa grille.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="511"/>
        <source>Highlighted: levels 2 or more apart, or different recommendations (%1).</source>
        <translation>En surbrillance : niveaux distants de 2 ou plus, ou avis différents (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="514"/>
        <source>The panel agrees within one level on every criterion.</source>
        <translation>Le jury est d&apos;accord à un niveau près sur chaque critère.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="575"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="589"/>
        <source>%1: level %2</source>
        <translation>%1 : niveau %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="601"/>
        <source>Recommendation: %1</source>
        <translation>Avis : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="619"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="629"/>
        <source>overall recommendation</source>
        <translation>avis global</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="637"/>
        <source>Scorecard incomplete</source>
        <translation>Grille incomplète</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="638"/>
        <source>Your scorecard cannot be submitted yet. Still missing:</source>
        <translation>Votre grille ne peut pas encore être soumise. Il manque :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="644"/>
        <location filename="../../ui/pages/interviews.py" line="658"/>
        <source>Submit scorecard</source>
        <translation>Soumettre la grille</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="645"/>
        <source>Submit your scorecard for %1?

After submission it can only be changed by an amendment with a reason, and you will see the other panel members&apos; scorecards.</source>
        <translation>Soumettre votre grille pour %1 ?

Après soumission, elle ne pourra être modifiée que par un amendement motivé, et vous verrez les grilles des autres membres du jury.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="652"/>
        <source>Submit</source>
        <translation>Soumettre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="672"/>
        <source>Undo of amendment: %1</source>
        <translation>Annulation de l&apos;amendement : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="673"/>
        <source>Amend scorecard</source>
        <translation>Amender la grille</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/interviews.py" line="346"/>
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n entretien</numerusform>
            <numerusform>%n entretiens</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="136"/>
        <source>Application no. or name…</source>
        <translation>N° de candidature ou nom…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="341"/>
        <source>All days</source>
        <translation>Tous les jours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/interviews.py" line="343"/>
        <source>All rooms</source>
        <translation>Toutes les salles</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/interviews.py" line="347"/>
        <source>%n scorecard(s) submitted</source>
        <translation>
            <numerusform>%n grille soumise</numerusform>
            <numerusform>%n grilles soumises</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../../ui/main.py" line="141"/>
        <source>This demo folder is locked by another passphrase: set MISSION_DESK_PASSPHRASE or choose another folder.</source>
        <translation>Ce dossier de démonstration est verrouillé par une autre phrase secrète : définissez MISSION_DESK_PASSPHRASE ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="145"/>
        <source>Wrong passphrase. Try again.</source>
        <translation>Phrase secrète incorrecte. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="173"/>
        <source>The passphrase in MISSION_DESK_PASSPHRASE is wrong. Type this desk&apos;s passphrase.</source>
        <translation>La phrase secrète de MISSION_DESK_PASSPHRASE est incorrecte. Tapez celle de ce poste.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>S&amp;witch user (lock)</source>
        <translation>Changer d&apos;&amp;utilisateur (verrouiller)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Lock when &amp;idle after…</source>
        <translation>Verrouiller en cas d&apos;&amp;inactivité après…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244"/>
        <source>Change &amp;assessor…</source>
        <translation>Changer d&apos;&amp;évaluateur…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="253"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <source>Undo and redo are recorded as new edits</source>
        <translation>Annuler et rétablir sont enregistrés comme de nouvelles modifications</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>&amp;Progress of the day…</source>
        <translation>&amp;Avancement de la journée…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Show the &amp;log folder</source>
        <translation>Afficher le dossier des &amp;journaux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>&amp;About Mission Desk</source>
        <translation>À &amp;propos de Mission Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>Mission</source>
        <translation>Mission</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>Candidates</source>
        <translation>Candidats</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>Written tests</source>
        <translation>Épreuves écrites</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>Interviews</source>
        <translation>Entretiens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331"/>
        <source>Ranking</source>
        <translation>Classement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Plan</source>
        <translation>Planning</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Calibration</source>
        <translation>Calibrage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="339"/>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>Mission Desk · %1</source>
        <translation>Mission Desk · %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>The translation could not be loaded.</source>
        <translation>La traduction n&apos;a pas pu être chargée.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>head of delegation</source>
        <translation>chef de délégation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411"/>
        <source>professor</source>
        <translation>enseignant-chercheur</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411"/>
        <source>representative</source>
        <translation>représentant</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="413"/>
        <source>You work as %1 (%2)</source>
        <translation>Vous travaillez en tant que %1 (%2)</translation>
    </message>
    <message>
        <source>1 change to sync</source>
        <translation type="vanished">1 modification à synchroniser</translation>
    </message>
    <message>
        <source>%1 changes to sync</source>
        <translation type="vanished">%1 modifications à synchroniser</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="416"/>
        <source>Edits saved on this desk, waiting for the next sync</source>
        <translation>Modifications enregistrées sur ce poste, en attente de la prochaine synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="418"/>
        <source>Last sync: %1</source>
        <translation>Dernière synchro : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="419"/>
        <source>Last sync: never</source>
        <translation>Dernière synchro : jamais</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="420"/>
        <source>Last successful sync with the server, in local time</source>
        <translation>Dernière synchronisation réussie avec le serveur, en heure locale</translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation type="vanished">1 conflit</translation>
    </message>
    <message>
        <source>%1 conflicts</source>
        <translation type="vanished">%1 conflits</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="423"/>
        <source>Fields two people changed differently; the chair resolves them on the Sync page</source>
        <translation>Champs modifiés différemment par deux personnes ; le chef de délégation les résout sur la page Synchronisation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439"/>
        <source>Assessor changed</source>
        <translation>Évaluateur changé</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="440"/>
        <source>Mission Desk will now close. Open it again to work under the new name.</source>
        <translation>Mission Desk va se fermer. Rouvrez-le pour travailler sous le nouveau nom.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="454"/>
        <source>About Mission Desk</source>
        <translation>À propos de Mission Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <source>&lt;b&gt;Mission Desk&lt;/b&gt; %1&lt;br&gt;Field desk for international recruitment missions: check-in, written tests, interviews, ranking and sync, offline first.</source>
        <translation>&lt;b&gt;Mission Desk&lt;/b&gt; %1&lt;br&gt;Poste de terrain des missions de recrutement international : pointage, épreuves écrites, entretiens, classement et synchronisation, d&apos;abord hors ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>&amp;Reports</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>The language changes when the sync in progress ends.</source>
        <translation>La langue changera à la fin de la synchronisation en cours.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="414"/>
        <source>%n change(s) to sync</source>
        <translation>
            <numerusform>%n modification à synchroniser</numerusform>
            <numerusform>%n modifications à synchroniser</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="421"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>&amp;Close this mission on this laptop…</source>
        <translation>&amp;Clore cette mission sur cet ordinateur…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Wait for the sync to end, then close the mission.</source>
        <translation>Attendez la fin de la synchronisation, puis clôturez la mission.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Mission closed</source>
        <translation>Mission clôturée</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Mission %1 was erased from this laptop. The signed record of the closing is %2. Mission Desk will now close.</source>
        <translation>La mission %1 a été effacée de cet ordinateur. Le relevé signé de la clôture est %2. Mission Desk va maintenant se fermer.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Mission ended</source>
        <translation>Mission terminée</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Mission %1 ended on %2, %n day(s) ago, and this laptop still holds its candidates&apos; data. Sync, then close it (File &gt; Close this mission on this laptop).</source>
        <translation>
            <numerusform>La mission %1 s&apos;est terminée le %2, il y a %n jour, et cet ordinateur détient encore les données de ses candidats. Synchronisez, puis clôturez-la (Fichier &gt; Clore cette mission sur cet ordinateur).</numerusform>
            <numerusform>La mission %1 s&apos;est terminée le %2, il y a %n jours, et cet ordinateur détient encore les données de ses candidats. Synchronisez, puis clôturez-la (Fichier &gt; Clore cette mission sur cet ordinateur).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1"/>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Exporter un paquet…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1"/>
        <source>&amp;Import bundle…</source>
        <translation>&amp;Importer un paquet…</translation>
    </message>
</context>
<context>
    <name>MarkersModel</name>
    <message>
        <location filename="../../ui/models/calibration.py" line="187"/>
        <source>Marker</source>
        <translation>Correcteur</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="187"/>
        <source>Subject</source>
        <translation>Épreuve</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="187"/>
        <source>Deviation [95% interval]</source>
        <translation>Écart [intervalle à 95 %]</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="188"/>
        <source>Scripts</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="188"/>
        <source>ICC</source>
        <translation>CCI</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="188"/>
        <source>Third readings</source>
        <translation>Tierces corrections</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="244"/>
        <source>%1 marks %2 points from the other marker of the same scripts on average (95% interval %3), over %4 scripts.</source>
        <translation>%1 note en moyenne à %2 points de l&apos;autre correcteur des mêmes copies (intervalle à 95 % %3), sur %4 copies.</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="251"/>
        <source>Intraclass correlation between the two markers: %1, 95% interval [%2, %3], over %4 scripts (1 is perfect agreement, 0 none).</source>
        <translation>Corrélation intraclasse entre les deux correcteurs : %1, intervalle à 95 % [%2, %3], sur %4 copies (1 : accord parfait, 0 : aucun).</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="257"/>
        <source>Share of double-marked scripts whose gap calls for a third reading: %1, 95% interval [%2, %3], over %4 scripts.</source>
        <translation>Part des copies doublement corrigées dont l&apos;écart demande une troisième correction : %1, intervalle à 95 % [%2, %3], sur %4 copies.</translation>
    </message>
    <message>
        <location filename="../../ui/models/calibration.py" line="265"/>
        <source>Not enough data: n=%1 (a figure shows from %2 scripts)</source>
        <translation>Pas assez de données : n=%1 (un chiffre s&apos;affiche à partir de %2 copies)</translation>
    </message>
</context>
<context>
    <name>MarksModel</name>
    <message>
        <location filename="../../ui/models/marks.py" line="50"/>
        <source>Application no.</source>
        <translation>N° de dossier</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="50"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="50"/>
        <source>Track</source>
        <translation>Filière</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="51"/>
        <source>Your mark</source>
        <translation>Votre note</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="51"/>
        <source>Other markers</source>
        <translation>Autres correcteurs</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="51"/>
        <source>Double marking</source>
        <translation>Double correction</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="113"/>
        <source>hidden (%1)</source>
        <translation>masquée (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="235"/>
        <source>abs</source>
        <translation>abs</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="95"/>
        <source>Free mover</source>
        <translation>Candidat libre</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="95"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <source>hidden until you enter yours (%1)</source>
        <translation type="vanished">masqué tant que vous n&apos;avez pas saisi la vôtre (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="117"/>
        <source>Third reading</source>
        <translation>Troisième correction</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="120"/>
        <source>Blind second marking: the other markers&apos; marks appear once yours is entered.</source>
        <translation>Double correction à l&apos;aveugle : les notes des autres correcteurs apparaissent une fois la vôtre saisie.</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="125"/>
        <source>The markers&apos; marks differ by more than %1 points, or one saw the candidate absent: a third reading is needed.</source>
        <translation>Les notes des correcteurs diffèrent de plus de %1 points, ou l&apos;un a noté le candidat absent : une troisième correction est nécessaire.</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="129"/>
        <source>Type a mark from 0 to %1 in steps of %2, or &apos;abs&apos; for absent; Enter saves and moves to the next candidate.</source>
        <translation>Tapez une note de 0 à %1 par pas de %2, ou « abs » pour absent ; Entrée enregistre et passe au candidat suivant.</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="185"/>
        <location filename="../../ui/models/marks.py" line="188"/>
        <source>&apos;%1&apos; is not a mark: type a number, or &apos;abs&apos; for absent</source>
        <translation>« %1 » n&apos;est pas une note : tapez un nombre, ou « abs » pour absent</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="191"/>
        <source>%1 is out of range: marks go from 0 to %2</source>
        <translation>%1 est hors limites : les notes vont de 0 à %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="194"/>
        <source>%1 is not a multiple of %2</source>
        <translation>%1 n&apos;est pas un multiple de %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="214"/>
        <source>Mark %1 for %2</source>
        <translation>Note %1 pour %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="55"/>
        <source>Script code</source>
        <translation>Code de copie</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="139"/>
        <source>hidden</source>
        <translation>masqué</translation>
    </message>
    <message>
        <location filename="../../ui/models/marks.py" line="153"/>
        <source>Anonymous marking: names stay hidden until the head of delegation lifts anonymity for this subject.</source>
        <translation>Correction anonyme : les noms restent masqués jusqu&apos;à ce que le chef de délégation lève l&apos;anonymat pour cette épreuve.</translation>
    </message>
</context>
<context>
    <name>MissionPage</name>
    <message>
        <location filename="../../ui/pages/mission.py" line="57"/>
        <source>Mission</source>
        <translation>Mission</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="58"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="59"/>
        <source>Written tests</source>
        <translation>Épreuves écrites</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="60"/>
        <source>Programme options</source>
        <translation>Options de formation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="61"/>
        <source>Candidates</source>
        <translation>Candidats</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="123"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="123"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="124"/>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="124"/>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="126"/>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="127"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="132"/>
        <source>Professor</source>
        <translation>Enseignant-chercheur</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="132"/>
        <source>Representative</source>
        <translation>Représentant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="135"/>
        <source>(you)</source>
        <translation>(vous)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="136"/>
        <source>head of delegation</source>
        <translation>chef de délégation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="143"/>
        <source>out of %1, step %2, coefficient %3</source>
        <translation>sur %1, pas de %2, coefficient %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="148"/>
        <source>Third reading</source>
        <translation>Troisième correction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="148"/>
        <source>when two marks differ by more than %1</source>
        <translation>quand deux notes diffèrent de plus de %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="153"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="156"/>
        <location filename="../../ui/pages/mission.py" line="162"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="166"/>
        <source>in preparation</source>
        <translation>en préparation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="166"/>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mission.py" line="167"/>
        <source>closed</source>
        <translation>clôturée</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="25"/>
        <source>Choose a passphrase</source>
        <translation>Choisir une phrase secrète</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="26"/>
        <source>Unlock Mission Desk</source>
        <translation>Déverrouiller Mission Desk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="29"/>
        <source>This computer has no system keyring. Candidates&apos; data on this desk is encrypted with a passphrase you choose now (at least %1 characters). Without it the data cannot be read: keep it safe.</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau système. Les données des candidats sur ce poste sont chiffrées avec une phrase secrète que vous choisissez maintenant (au moins %1 caractères). Sans elle, les données sont illisibles : conservez-la précieusement.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="32"/>
        <source>This desk&apos;s data is encrypted. Type your passphrase to open it.</source>
        <translation>Les données de ce poste sont chiffrées. Tapez votre phrase secrète pour les ouvrir.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="46"/>
        <source>Passphrase:</source>
        <translation>Phrase secrète :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="48"/>
        <source>Repeat:</source>
        <translation>Confirmation :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="64"/>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>La phrase secrète doit compter au moins %1 caractères.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="67"/>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/passphrase.py" line="69"/>
        <source>Type your passphrase.</source>
        <translation>Tapez votre phrase secrète.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="42"/>
        <source>Progress of the day</source>
        <translation>Avancement de la journée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="55"/>
        <source>Application number or name…</source>
        <translation>Numéro de candidature ou nom…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="62"/>
        <source>Search:</source>
        <translation>Recherche :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="73"/>
        <source>Written tests, per subject</source>
        <translation>Épreuves écrites, par matière</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="74"/>
        <source>Scorecards, per assessor</source>
        <translation>Grilles d&apos;entretien, par évaluateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="75"/>
        <source>Third readings needed</source>
        <translation>Troisièmes lectures nécessaires</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="76"/>
        <source>Present, not yet interviewed</source>
        <translation>Présents, pas encore reçus en entretien</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="80"/>
        <source>Double-click a candidate or press Ctrl+I for the details.</source>
        <translation>Double-cliquez sur un candidat ou appuyez sur Ctrl+I pour sa fiche.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/progress_view.py" line="134"/>
        <source>Marks missing: %1 · second markings missing: %2 · third readings: %3 · scorecards still open: %4 · present, not yet interviewed: %5</source>
        <translation>Notes manquantes : %1 · secondes corrections manquantes : %2 · troisièmes lectures : %3 · grilles non soumises : %4 · présents non encore reçus : %5</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <location filename="../../ui/models/ranking.py" line="44"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="44"/>
        <source>Application no.</source>
        <translation>N° de dossier</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="44"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="45"/>
        <source>Written</source>
        <translation>Écrit</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="45"/>
        <source>Interview</source>
        <translation>Entretien</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="45"/>
        <source>Composite</source>
        <translation>Score composite</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="46"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="46"/>
        <source>Tied</source>
        <translation>Ex æquo</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="46"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="46"/>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="47"/>
        <source>Rationale</source>
        <translation>Motivation</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="51"/>
        <source>Admit</source>
        <translation>Admettre</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="52"/>
        <source>Waitlist</source>
        <translation>Liste d&apos;attente</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="53"/>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="58"/>
        <source>Ranked</source>
        <translation>Classé</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="60"/>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="62"/>
        <source>Withdrawn</source>
        <translation>Désisté</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="63"/>
        <source>Incomplete: %1</source>
        <translation>Incomplet : %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="69"/>
        <source>no written marks</source>
        <translation>pas de notes d&apos;écrit</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="71"/>
        <source>marks in %1</source>
        <translation>notes en %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="73"/>
        <source>scorecard</source>
        <translation>grille d&apos;entretien</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="93"/>
        <source>Equal composite, interview and written scores: only the application number separates them</source>
        <translation>Scores composite, d&apos;entretien et d&apos;écrit égaux : seul le numéro de dossier les départage</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="96"/>
        <source>Exact value: %1</source>
        <translation>Valeur exacte : %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/ranking.py" line="130"/>
        <source>tied</source>
        <translation>ex æquo</translation>
    </message>
</context>
<context>
    <name>RankingPage</name>
    <message>
        <location filename="../../ui/pages/ranking.py" line="71"/>
        <source>Ranking</source>
        <translation>Classement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="117"/>
        <source>Distribution of composite scores</source>
        <translation>Répartition des scores composites</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="133"/>
        <source>Record decision…</source>
        <translation>Enregistrer la décision…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="137"/>
        <source>Double-click a row or press Enter to record the decision.</source>
        <translation>Double-cliquez une ligne ou appuyez sur Entrée pour enregistrer la décision.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="139"/>
        <source>Decisions are recorded by the head of delegation; you see them read-only.</source>
        <translation>Les décisions sont enregistrées par le chef de délégation ; vous les voyez en lecture seule.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="142"/>
        <location filename="../../ui/pages/ranking.py" line="315"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="171"/>
        <source>Application no. or name…</source>
        <translation>N° de candidature ou nom…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="217"/>
        <source>%1 (%2 ranked / %3)</source>
        <translation>%1 (%2 classés / %3)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="223"/>
        <source>Free movers</source>
        <translation>Candidats libres</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="223"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="231"/>
        <source>Composite = %1 × written + %2 × interview (on /20)</source>
        <translation>Composite = %1 × écrit + %2 × entretien (sur 20)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="238"/>
        <source>%1 ranked · mean %2 · median %3
lowest %4 · highest %5</source>
        <translation>%1 classés · moyenne %2 · médiane %3
minimum %4 · maximum %5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="244"/>
        <source>No candidate ranked yet in this track</source>
        <translation>Aucun candidat classé dans cette filière pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="245"/>
        <source>Decisions: %1 admitted · %2 waitlisted · %3 rejected</source>
        <translation>Décisions : %1 admis · %2 en liste d&apos;attente · %3 refusés</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="294"/>
        <source>Select a candidate in the table.</source>
        <translation>Sélectionnez un candidat dans le tableau.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="298"/>
        <source>none yet</source>
        <translation>aucune pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="302"/>
        <source>Composite %1 · rank %2</source>
        <translation>Composite %1 · rang %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="304"/>
        <source>Wishes: %1</source>
        <translation>Vœux : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="305"/>
        <source>Decision: %1</source>
        <translation>Décision : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="316"/>
        <source>Only the head of delegation records decisions.</source>
        <translation>Seul le chef de délégation enregistre les décisions.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="333"/>
        <source>Decision for %1</source>
        <translation>Décision pour %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ranking.py" line="340"/>
        <source>Decision not recorded</source>
        <translation>Décision non enregistrée</translation>
    </message>
</context>
<context>
    <name>Recommendation</name>
    <message>
        <location filename="../../ui/models/interviews.py" line="49"/>
        <source>Strong admit</source>
        <translation>Admettre sans réserve</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="51"/>
        <source>Admit</source>
        <translation>Admettre</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="52"/>
        <source>Waitlist</source>
        <translation>Liste d&apos;attente</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="53"/>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <location filename="../../ui/models/sync.py" line="170"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="170"/>
        <source>Entity</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="170"/>
        <source>Candidate</source>
        <translation>Candidat</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="170"/>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="171"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/models/sync.py" line="171"/>
        <source>Answered</source>
        <translation>Réponse</translation>
    </message>
</context>
<context>
    <name>ReportRunner</name>
    <message>
        <location filename="../../ui/report_actions.py" line="96"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="109"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="129"/>
        <source>Preparing %1…</source>
        <translation>Préparation de %1…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="165"/>
        <source>Report ready</source>
        <translation>Document prêt</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="166"/>
        <source>The report was saved to
%1</source>
        <translation>Le document a été enregistré dans
%1</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="168"/>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="169"/>
        <source>Show in &amp;folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="202"/>
        <source>Report failed</source>
        <translation>Échec du document</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="203"/>
        <source>The report could not be made: %1</source>
        <translation>Le document n&apos;a pas pu être produit : %1</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="192"/>
        <source>Cannot open</source>
        <translation>Ouverture impossible</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="176"/>
        <source>No program to open PDF files is installed on this laptop. The report is saved at
%1
Open it from its folder, or copy it to another computer.</source>
        <translation>Aucun programme pour ouvrir les fichiers PDF n&apos;est installé sur cet ordinateur. Le document est enregistré ici :
%1
Ouvrez-le depuis son dossier, ou copiez-le sur un autre ordinateur.</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="180"/>
        <source>The folder could not be opened on this laptop. The report is saved in
%1</source>
        <translation>Le dossier n&apos;a pas pu être ouvert sur cet ordinateur. Le document est enregistré dans
%1</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../../ui/report_actions.py" line="231"/>
        <source>&amp;Reports</source>
        <translation>&amp;Rapports</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="237"/>
        <source>&amp;Jury minutes and ranking…</source>
        <translation>&amp;Procès-verbal et classement…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="239"/>
        <source>&amp;Candidate interview reports…</source>
        <translation>Rapports d&apos;entretien des &amp;candidats…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="240"/>
        <source>&amp;Attendance sheets…</source>
        <translation>Feuilles d&apos;&amp;émargement…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="242"/>
        <source>Written-test &amp;mark sheets…</source>
        <translation>Feuilles de &amp;notes des épreuves écrites…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="244"/>
        <source>&amp;Blank interview score sheets…</source>
        <translation>&amp;Grilles d&apos;entretien vierges…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="246"/>
        <source>&amp;Timetables of every room and assessor…</source>
        <translation>&amp;Emplois du temps de chaque salle et évaluateur…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="248"/>
        <source>Calibration a&amp;nnex to the jury minutes…</source>
        <translation>&amp;Annexe de calibration au procès-verbal…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="255"/>
        <source>M&amp;y timetable…</source>
        <translation>&amp;Mon emploi du temps…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="258"/>
        <source>Con&amp;vocation list for a mail merge (CSV)…</source>
        <translation>Liste des con&amp;vocations pour un publipostage (CSV)…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="261"/>
        <source>Assessors&apos; ca&amp;lendars (.ics)…</source>
        <translation>Ca&amp;lendriers des évaluateurs (.ics)…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="286"/>
        <source>Report of candidate %1…</source>
        <translation>Rapport du candidat %1…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="288"/>
        <source>Report of the selected candidate…</source>
        <translation>Rapport du candidat sélectionné…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="292"/>
        <source>Attendance sheet of room %1…</source>
        <translation>Feuille d&apos;émargement de la salle %1…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="294"/>
        <source>Attendance sheet of the selected room…</source>
        <translation>Feuille d&apos;émargement de la salle sélectionnée…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="296"/>
        <source>Blank score sheets of room %1…</source>
        <translation>Grilles vierges de la salle %1…</translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="298"/>
        <source>Blank score sheets of the selected room…</source>
        <translation>Grilles vierges de la salle sélectionnée…</translation>
    </message>
</context>
<context>
    <name>ScoreHistogram</name>
    <message>
        <location filename="../../ui/widgets/histogram.py" line="33"/>
        <source>Composite score (/20) · candidates per 1-point bin</source>
        <translation>Score composite (/20) · candidats par tranche d&apos;un point</translation>
    </message>
</context>
<context>
    <name>SlotsModel</name>
    <message>
        <location filename="../../ui/models/interviews.py" line="69"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="69"/>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="69"/>
        <source>Candidate</source>
        <translation>Candidat</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="69"/>
        <source>Track</source>
        <translation>Filière</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="70"/>
        <source>Scorecard</source>
        <translation>Grille</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="73"/>
        <source>Not started</source>
        <translation>Non commencée</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="73"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="74"/>
        <source>Submitted</source>
        <translation>Soumise</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="89"/>
        <source>FM</source>
        <translation>CL</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="89"/>
        <source>DD</source>
        <translation>DD</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="104"/>
        <source>Free mover</source>
        <translation>Candidat libre</translation>
    </message>
    <message>
        <location filename="../../ui/models/interviews.py" line="105"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
</context>
<context>
    <name>SubjectProgressModel</name>
    <message>
        <location filename="../../ui/models/progress.py" line="39"/>
        <source>Subject</source>
        <translation>Matière</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="39"/>
        <source>Sitting</source>
        <translation>Présents</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="39"/>
        <source>Marked twice</source>
        <translation>Corrigés deux fois</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="40"/>
        <source>No mark</source>
        <translation>Sans note</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="40"/>
        <source>Second missing</source>
        <translation>2e correction manquante</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="40"/>
        <source>Third readings</source>
        <translation>3e lectures</translation>
    </message>
    <message>
        <source>Marks missing</source>
        <translation type="vanished">Notes manquantes</translation>
    </message>
    <message>
        <source>Second markings missing</source>
        <translation type="vanished">Secondes corrections manquantes</translation>
    </message>
    <message>
        <source>Third readings needed</source>
        <translation type="vanished">Troisièmes lectures nécessaires</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync.py" line="0"/>
        <source>The changes of %1 wait until they sign in once on this laptop (Sync page, after unlocking).</source>
        <translation>Les modifications de %1 attendent que cette personne se connecte une fois sur cet ordinateur (page Synchronisation, après déverrouillage).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="66"/>
        <source>only needed to sign in</source>
        <translation>nécessaire seulement pour se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="73"/>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="74"/>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="75"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="82"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="85"/>
        <source>Send this desk&apos;s changes and receive the server&apos;s (Ctrl+Shift+S)</source>
        <translation>Envoyer les modifications de ce poste et recevoir celles du serveur (Ctrl+Maj+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="89"/>
        <source>Sync now  (Ctrl+Shift+S)</source>
        <translation>Synchroniser  (Ctrl+Maj+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="92"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="101"/>
        <source>Ready.</source>
        <translation>Prêt.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="124"/>
        <source>&amp;Keep current value</source>
        <translation>&amp;Garder la valeur actuelle</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="126"/>
        <source>&amp;Use other value</source>
        <translation>&amp;Prendre l&apos;autre valeur</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="134"/>
        <source>Conflicts (two people changed the same field)</source>
        <translation>Conflits (deux personnes ont modifié le même champ)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="144"/>
        <source>Changes the server refused</source>
        <translation>Modifications refusées par le serveur</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="147"/>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>%1 change(s) waiting to be sent. Last sync: %2.</source>
        <translation type="vanished">%1 modification(s) en attente d&apos;envoi. Dernière synchro : %2.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="211"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="215"/>
        <source>Only the head of delegation resolves conflicts</source>
        <translation>Seul le chef de délégation résout les conflits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="247"/>
        <source>Signed in on this laptop as %1: no password needed.</source>
        <translation>Connecté sur cet ordinateur en tant que %1 : aucun mot de passe nécessaire.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="257"/>
        <source>Enter the server address and your user name first.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse du serveur et votre nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="291"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="298"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="373"/>
        <source>Sync failed.</source>
        <translation>La synchronisation a échoué.</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Finding the mission</source>
        <translation>Recherche de la mission</translation>
    </message>
    <message>
        <source>Downloading the mission</source>
        <translation>Téléchargement de la mission</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>Envoi des modifications</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Réception des modifications</translation>
    </message>
    <message>
        <source>Restoring refused changes</source>
        <translation>Rétablissement des modifications refusées</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="310"/>
        <source>: %1 of %2 sent, %3 left</source>
        <translation> : %1 sur %2 envoyées, %3 restantes</translation>
    </message>
    <message>
        <source>Sync complete: %1 sent, %2 applied, %3 conflict(s), %4 refused, %5 received.</source>
        <translation type="vanished">Synchronisation terminée : %1 envoyées, %2 appliquées, %3 conflit(s), %4 refusées, %5 reçues.</translation>
    </message>
    <message>
        <source>The server cannot be reached: you seem to be offline. Your changes are safe on this desk; try again later.</source>
        <translation>Le serveur est injoignable : vous semblez hors ligne. Vos modifications sont en sécurité sur ce poste ; réessayez plus tard.</translation>
    </message>
    <message>
        <source>Sign-in failed: check your user name and password.</source>
        <translation type="vanished">Échec de la connexion : vérifiez votre nom d&apos;utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <source>This laptop was signed out by the server (device revoked). Enter your password to sign in again.</source>
        <translation type="vanished">Ce portable a été déconnecté par le serveur (appareil révoqué). Saisissez votre mot de passe pour vous reconnecter.</translation>
    </message>
    <message>
        <source>The server reported an error; your changes are kept and will be sent next time.</source>
        <translation>Le serveur a signalé une erreur ; vos modifications sont conservées et seront envoyées la prochaine fois.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: do not sync on this network, and tell IT.</source>
        <translation>Le certificat du serveur n&apos;a pas pu être vérifié : ne synchronisez pas sur ce réseau et prévenez le service informatique.</translation>
    </message>
    <message>
        <source>Sync cancelled. Everything received so far is kept.</source>
        <translation>Synchronisation annulée. Tout ce qui a été reçu est conservé.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="375"/>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="402"/>
        <source>Choose a conflict in the table first.</source>
        <translation>Choisissez d&apos;abord un conflit dans le tableau.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="405"/>
        <source>Resolve conflict on %1</source>
        <translation>Résoudre le conflit sur %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="410"/>
        <source>Resolved: the chosen value will be sent with the next sync.</source>
        <translation>Résolu : la valeur choisie sera envoyée à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Type the server address, for example https://admissions.example.org.</source>
        <translation>Saisissez l&apos;adresse du serveur, par exemple https://admissions.example.org.</translation>
    </message>
    <message>
        <source>The address needs http:// or https:// at the start, for example https://admissions.example.org.</source>
        <translation>L&apos;adresse doit commencer par http:// ou https://, par exemple https://admissions.example.org.</translation>
    </message>
    <message>
        <source>The address is not complete: it reads like https://admissions.example.org.</source>
        <translation>L&apos;adresse est incomplète : elle s&apos;écrit comme https://admissions.example.org.</translation>
    </message>
    <message>
        <source>Sign-in failed: wrong user name or password.</source>
        <translation>Connexion refusée : nom d&apos;utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Your sign-in on this laptop has expired. Type your password and press Enter to sign in again.</source>
        <translation>Votre connexion sur cet ordinateur a expiré. Saisissez votre mot de passe et appuyez sur Entrée pour vous reconnecter.</translation>
    </message>
    <message>
        <source>This laptop was signed out by the server (device revoked). Type your password and press Enter to sign in again.</source>
        <translation>Le serveur a déconnecté cet ordinateur (appareil révoqué). Saisissez votre mot de passe et appuyez sur Entrée pour vous reconnecter.</translation>
    </message>
    <message>
        <source>Type your password and press Enter to sign in (needed once on this laptop).</source>
        <translation>Saisissez votre mot de passe et appuyez sur Entrée pour vous connecter (une seule fois sur cet ordinateur).</translation>
    </message>
    <message>
        <source>Signed in, but the server gives this account no mission (or not the one named): check the mission code, or ask the admissions office.</source>
        <translation>Connecté, mais le serveur n&apos;attribue aucune mission à ce compte (ou pas celle indiquée) : vérifiez le code de mission ou adressez-vous au service des admissions.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync.py" line="210"/>
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n modification en attente d&apos;envoi.</numerusform>
            <numerusform>%n modifications en attente d&apos;envoi.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="211"/>
        <source>Last sync: %1.</source>
        <translation>Dernière synchro : %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync.py" line="316"/>
        <source>Sync complete: %1 sent, %2 applied, %n conflict(s), %3 refused, %4 received.</source>
        <translation>
            <numerusform>Synchronisation terminée : %1 envoyées, %2 appliquées, %n conflit, %3 refusées, %4 reçues.</numerusform>
            <numerusform>Synchronisation terminée : %1 envoyées, %2 appliquées, %n conflits, %3 refusées, %4 reçues.</numerusform>
        </translation>
    </message>
    <message>
        <source>This address is plain http://: your password and the candidates&apos; data would cross the network unencrypted. Type the server&apos;s https:// address.</source>
        <translation>Cette adresse est en http:// simple : votre mot de passe et les données des candidats traverseraient le réseau sans chiffrement. Saisissez l&apos;adresse https:// du serveur.</translation>
    </message>
    <message>
        <source>You belong to several missions: type the code of the one to download in Mission code (%1).</source>
        <translation>Vous faites partie de plusieurs missions : saisissez le code de celle à télécharger dans Code de mission (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="0"/>
        <source>The server&apos;s receipt for this sync does not verify: nothing from this sync was counted as received, and closing the mission stays locked. Tell IT.</source>
        <translation>L&apos;accusé de réception du serveur pour cette synchronisation n&apos;est pas valide : rien de cette synchronisation n&apos;est compté comme reçu, et la clôture de la mission reste bloquée. Prévenez le service informatique.</translation>
    </message>
</context>
<context>
    <name>ThirdReadingModel</name>
    <message>
        <location filename="../../ui/models/progress.py" line="63"/>
        <source>Application no.</source>
        <translation>N° de candidature</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="63"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="63"/>
        <source>Subject</source>
        <translation>Matière</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="64"/>
        <source>Marks</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="64"/>
        <source>Third reader</source>
        <translation>Troisième correcteur</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="83"/>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="84"/>
        <source>no professor left: ask the head of delegation</source>
        <translation>plus aucun professeur : voir le chef de délégation</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../../ui/vocabulary.py" line="29"/>
        <source>Candidate</source>
        <translation>Candidat</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="30"/>
        <source>Mark</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="31"/>
        <source>Scorecard</source>
        <translation>Grille d&apos;entretien</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="32"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="33"/>
        <source>Interview</source>
        <translation>Entretien</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="34"/>
        <source>Mission</source>
        <translation>Mission</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="35"/>
        <source>Assessor</source>
        <translation>Évaluateur</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="42"/>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="43"/>
        <source>mark</source>
        <translation>note</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="44"/>
        <source>decision</source>
        <translation>décision</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="45"/>
        <source>programme option</source>
        <translation>option de programme</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="46"/>
        <source>rationale</source>
        <translation>motivation</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="47"/>
        <source>interview time</source>
        <translation>heure d&apos;entretien</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="48"/>
        <source>room</source>
        <translation>salle</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="49"/>
        <source>panel</source>
        <translation>jury</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="50"/>
        <source>rubric levels</source>
        <translation>niveaux de la grille</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="51"/>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="52"/>
        <source>recommendation</source>
        <translation>avis</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="53"/>
        <source>submitted</source>
        <translation>soumise</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="54"/>
        <source>submission time</source>
        <translation>heure de soumission</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="55"/>
        <source>amendments</source>
        <translation>amendements</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="56"/>
        <source>family name</source>
        <translation>nom de famille</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="57"/>
        <source>given names</source>
        <translation>prénoms</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="58"/>
        <source>birth date</source>
        <translation>date de naissance</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="59"/>
        <source>e-mail</source>
        <translation>courriel</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="60"/>
        <source>nationality</source>
        <translation>nationalité</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="61"/>
        <source>home institution</source>
        <translation>établissement d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="62"/>
        <source>partner institution</source>
        <translation>établissement partenaire</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="63"/>
        <source>track</source>
        <translation>filière</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="64"/>
        <source>wishes</source>
        <translation>vœux</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="65"/>
        <source>subject</source>
        <translation>épreuve</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="66"/>
        <source>decided by</source>
        <translation>décidé par</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="67"/>
        <source>application number</source>
        <translation>numéro de candidature</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="74"/>
        <source>Admit</source>
        <translation>Admettre</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="75"/>
        <source>Waitlist</source>
        <translation>Liste d&apos;attente</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="76"/>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="84"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="86"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="87"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="98"/>
        <source>absent</source>
        <translation>absent</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <location filename="../../ui/models/progress.py" line="120"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="120"/>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="120"/>
        <source>Application no.</source>
        <translation>N° de candidature</translation>
    </message>
    <message>
        <location filename="../../ui/models/progress.py" line="120"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
</context>
<context>
    <name>WrittenTestsPage</name>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="82"/>
        <source>Free movers</source>
        <translation>Candidats libres</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="83"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="84"/>
        <source>All tracks</source>
        <translation>Toutes les filières</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="85"/>
        <source>Present candidates only</source>
        <translation>Candidats présents seulement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="94"/>
        <source>Application no. or name…</source>
        <translation>N° de candidature ou nom…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="101"/>
        <source>Subject:</source>
        <translation>Épreuve :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="104"/>
        <source>Track:</source>
        <translation>Filière :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="143"/>
        <source>Type a mark and press Enter to save it and go to the next candidate · “abs” marks an absence · an empty entry clears your mark · Ctrl+Z undoes</source>
        <translation>Tapez une note puis Entrée pour l&apos;enregistrer et passer au candidat suivant · « abs » marque une absence · une saisie vide efface votre note · Ctrl+Z annule</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="151"/>
        <source>Written tests</source>
        <translation>Épreuves écrites</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="160"/>
        <source>Highlighted rows need a third reading</source>
        <translation>Les lignes en surbrillance demandent une troisième correction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="191"/>
        <source>Marked from 0 to %1, steps of %2, coefficient %3</source>
        <translation>Noté de 0 à %1, par pas de %2, coefficient %3</translation>
    </message>
    <message>
        <source>%1 candidates listed, %2 present · you marked %3 · third readings needed: %4</source>
        <translation type="vanished">%1 candidats listés, %2 présents · vous en avez noté %3 · troisièmes corrections à faire : %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/written_tests.py" line="246"/>
        <source>%n candidate(s) listed</source>
        <translation>
            <numerusform>%n candidat listé</numerusform>
            <numerusform>%n candidats listés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="247"/>
        <source>, %1 present · you marked %2 · third readings needed: %3</source>
        <translation>, %1 présents · vous en avez noté %2 · troisièmes corrections à faire : %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="222"/>
        <source>Anonymous marking: scripts are listed by their codes and names are hidden until the head of delegation lifts anonymity for %1. Type a script code to find its row.</source>
        <translation>Correction anonyme : les copies sont listées par leur code et les noms sont masqués jusqu&apos;à ce que le chef de délégation lève l&apos;anonymat pour %1. Tapez un code de copie pour trouver sa ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="226"/>
        <source>Lift anonymity for %1</source>
        <translation>Lever l&apos;anonymat pour %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="228"/>
        <source>Script code…</source>
        <translation>Code de copie…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="237"/>
        <source>Lift anonymity</source>
        <translation>Lever l&apos;anonymat</translation>
    </message>
    <message>
        <location filename="../../ui/pages/written_tests.py" line="238"/>
        <source>Show the candidates&apos; names beside the scripts of %1, on every desk? This is recorded under your name and cannot be undone.</source>
        <translation>Afficher le nom des candidats à côté des copies de %1, sur tous les postes ? C&apos;est enregistré sous votre nom et ne peut pas être annulé.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>&amp;Reports</source>
        <translation type="vanished">&amp;Documents</translation>
    </message>
    <message>
        <source>&amp;Jury minutes and ranking…</source>
        <translation type="vanished">&amp;Procès-verbal du jury et classement…</translation>
    </message>
    <message>
        <source>&amp;Candidate interview reports…</source>
        <translation type="vanished">&amp;Fiches d&apos;entretien des candidats…</translation>
    </message>
    <message>
        <source>&amp;Attendance sheets…</source>
        <translation type="vanished">Feuilles d&apos;é&amp;margement…</translation>
    </message>
    <message>
        <source>Written-test &amp;mark sheets…</source>
        <translation type="vanished">Bordereaux de &amp;notes des écrits…</translation>
    </message>
    <message>
        <source>&amp;Blank interview score sheets…</source>
        <translation type="vanished">&amp;Grilles d&apos;entretien vierges…</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="81"/>
        <source>Move an interview</source>
        <translation>Déplacer un entretien</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="94"/>
        <source>Candidate:</source>
        <translation>Candidat :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="95"/>
        <source>&amp;Day:</source>
        <translation>&amp;Jour :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="96"/>
        <source>&amp;Time:</source>
        <translation>&amp;Heure :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="97"/>
        <source>&amp;Panel:</source>
        <translation>Ju&amp;ry :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="98"/>
        <source>Whoever holds that slot is placed again; scored interviews never move.</source>
        <translation>Le candidat qui occupe ce créneau est replacé ; un entretien déjà noté ne bouge jamais.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="101"/>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
</context>
<context>
    <name>PanelChangeDialog</name>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="194"/>
        <source>Change a panel</source>
        <translation>Modifier un jury</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="210"/>
        <source>professor</source>
        <translation>professeur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="211"/>
        <source>representative</source>
        <translation>représentant</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="218"/>
        <source>&amp;Panel:</source>
        <translation>Ju&amp;ry :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="219"/>
        <source>&amp;From:</source>
        <translation>À &amp;partir de :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="220"/>
        <source>Members:</source>
        <translation>Membres :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="221"/>
        <source>Change the panel</source>
        <translation>Modifier le jury</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="241"/>
        <source>A panel is at least two assessors, one of them a professor.</source>
        <translation>Un jury compte au moins deux évaluateurs, dont un professeur.</translation>
    </message>
</context>
<context>
    <name>PlanGridModel</name>
    <message>
        <location filename="../../ui/models/plan.py" line="174"/>
        <source>Written test: %1</source>
        <translation>Épreuve écrite : %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/plan.py" line="177"/>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <location filename="../../ui/models/plan.py" line="182"/>
        <source>%1 · %2, %3 minutes, %4 · panel: %5</source>
        <translation>%1 · %2, %3 minutes, %4 · jury : %5</translation>
    </message>
    <message>
        <location filename="../../ui/models/plan.py" line="188"/>
        <source>Scored: this interview no longer moves</source>
        <translation>Noté : cet entretien ne bouge plus</translation>
    </message>
    <message>
        <location filename="../../ui/models/plan.py" line="191"/>
        <source>Written test %1 (%2), %3–%4, %5 seated of %6</source>
        <translation>Épreuve écrite %1 (%2), %3–%4, %5 places attribuées sur %6</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <location filename="../../ui/pages/plan.py" line="90"/>
        <source>Plan</source>
        <translation>Planning</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="94"/>
        <source>&amp;Move…</source>
        <translation>&amp;Déplacer…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="95"/>
        <source>Move the selected interview (Ctrl+M)</source>
        <translation>Déplacer l&apos;entretien sélectionné (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="98"/>
        <source>&amp;No-show</source>
        <translation>&amp;Absent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="99"/>
        <source>The selected candidate did not come: give them the next free slot (Ctrl+Shift+N)</source>
        <translation>Le candidat sélectionné n&apos;est pas venu : lui donner le prochain créneau libre (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="102"/>
        <source>&amp;Walk-in…</source>
        <translation>&amp;Sans convocation…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="103"/>
        <source>A candidate not on the list: add them and give them the next free slot (Ctrl+Shift+W)</source>
        <translation>Un candidat absent de la liste : l&apos;ajouter et lui donner le prochain créneau libre (Ctrl+Maj+W)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="106"/>
        <source>Change &amp;panel…</source>
        <translation>Modifier un &amp;jury…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="107"/>
        <source>New members for a panel from a given time</source>
        <translation>De nouveaux membres pour un jury à partir d&apos;une heure donnée</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="109"/>
        <source>P&amp;lace the others</source>
        <translation>P&amp;lacer les autres</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="110"/>
        <source>Give every candidate without an interview the first slot that fits</source>
        <translation>Donner à chaque candidat sans entretien le premier créneau qui convient</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="113"/>
        <source>Day:</source>
        <translation>Jour :</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="147"/>
        <source>Drag an interview to another cell, or select it and press Ctrl+M · Ctrl+Z undoes a change</source>
        <translation>Faites glisser un entretien vers une autre case, ou sélectionnez-le et appuyez sur Ctrl+M · Ctrl+Z annule une modification</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="149"/>
        <source>Only the head of delegation changes the plan: you see it read-only.</source>
        <translation>Seul le chef de délégation modifie le planning : vous le voyez en lecture seule.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="244"/>
        <source>Nothing is planned yet: the mission has no days, rooms or panels, and no interview.</source>
        <translation>Rien n&apos;est encore planifié : la mission n&apos;a ni jours, ni salles, ni jurys, ni entretien.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="253"/>
        <source>%n interview(s) this day</source>
        <translation>
            <numerusform>%n entretien ce jour</numerusform>
            <numerusform>%n entretiens ce jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="254"/>
        <source>%n candidate(s) without an interview</source>
        <translation>
            <numerusform>%n candidat sans entretien</numerusform>
            <numerusform>%n candidats sans entretien</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="256"/>
        <source>days, rooms and panels read from the timetable</source>
        <translation>jours, salles et jurys lus dans l&apos;emploi du temps</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="315"/>
        <source>Move %1</source>
        <translation>Déplacement de %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="326"/>
        <source>No panel sits in %1.</source>
        <translation>Aucun jury ne siège en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="337"/>
        <source>No-show %1</source>
        <translation>Absence de %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="347"/>
        <source>Walk-in %1</source>
        <translation>Candidat sans convocation %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="361"/>
        <source>Panel %1 from %2</source>
        <translation>Jury %1 à partir de %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="368"/>
        <source>Place the candidates without an interview</source>
        <translation>Placer les candidats sans entretien</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="382"/>
        <source>Planning…</source>
        <translation>Planification…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="400"/>
        <source>The move was not made: %1</source>
        <translation>Le déplacement n&apos;a pas été fait : %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="407"/>
        <source>No free slot for %1: nothing was added.</source>
        <translation>Aucun créneau libre pour %1 : rien n&apos;a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="458"/>
        <source>%1: %2 at %3, %4</source>
        <translation>%1 : %2 à %3, %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="465"/>
        <source>%n other interview(s) moved</source>
        <translation>
            <numerusform>%n autre entretien déplacé</numerusform>
            <numerusform>%n autres entretiens déplacés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="467"/>
        <source>%n candidate(s) could not be placed</source>
        <translation>
            <numerusform>%n candidat n&apos;a pas pu être placé</numerusform>
            <numerusform>%n candidats n&apos;ont pas pu être placés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="470"/>
        <source>nothing changed</source>
        <translation>rien n&apos;a changé</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="164"/>
        <source>interview</source>
        <translation>entretien</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="165"/>
        <source>scored: stays</source>
        <translation>noté : reste en place</translation>
    </message>
    <message>
        <location filename="../../ui/pages/plan.py" line="166"/>
        <source>written test</source>
        <translation>épreuve écrite</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="145"/>
        <source>Walk-in candidate</source>
        <translation>Candidat sans convocation</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="154"/>
        <source>Free mover</source>
        <translation>Candidat libre</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="155"/>
        <source>Double degree</source>
        <translation>Double diplôme</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="160"/>
        <source>&amp;Application no.:</source>
        <translation>N° de &amp;dossier :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="161"/>
        <source>&amp;Family name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="162"/>
        <source>&amp;Given names:</source>
        <translation>&amp;Prénoms :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="163"/>
        <source>T&amp;rack:</source>
        <translation>&amp;Filière :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="164"/>
        <source>Partner &amp;institution:</source>
        <translation>&amp;Établissement partenaire :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="165"/>
        <source>Add and find a slot</source>
        <translation>Ajouter et trouver un créneau</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="176"/>
        <source>application number</source>
        <translation>numéro de dossier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="177"/>
        <source>family name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/plan_dialogs.py" line="180"/>
        <source>Please fill in: %1</source>
        <translation>Veuillez renseigner : %1</translation>
    </message>
</context>
<context>
    <name>Receipts</name>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>No receipt from the server yet: sync to get one.</source>
        <translation>Aucun accusé de réception du serveur pour l&apos;instant : synchronisez pour en obtenir un.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>No receipt from the server yet.</source>
        <translation>Aucun accusé de réception du serveur pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>Everything up to %1 is in France.</source>
        <translation>Tout ce qui a été saisi jusqu&apos;au %1 est arrivé en France.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>%n later change(s) not yet receipted.</source>
        <translation>
            <numerusform>%n modification plus récente n&apos;a pas encore d&apos;accusé de réception.</numerusform>
            <numerusform>%n modifications plus récentes n&apos;ont pas encore d&apos;accusé de réception.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseMissionDialog</name>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>Close this mission on this laptop</source>
        <translation>Clore cette mission sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>Closing erases mission %1 (%2) from this laptop for good: the database key is destroyed first, then the database, its backups and the desk&apos;s logs. A small record of the closing, signed by this desk, stays in the data folder.</source>
        <translation>La clôture efface définitivement la mission %1 (%2) de cet ordinateur : la clé de la base de données est détruite d&apos;abord, puis la base, ses sauvegardes et les journaux du poste. Un court relevé de la clôture, signé par ce poste, reste dans le dossier des données.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>All %n change(s) made on this laptop are in France.</source>
        <translation>
            <numerusform>%n modification faite sur cet ordinateur est arrivée en France.</numerusform>
            <numerusform>Les %n modifications faites sur cet ordinateur sont arrivées en France.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>%n change(s) made on this laptop have no receipt from the server yet: sync first. Closing is not possible until the server has received everything.</source>
        <translation>
            <numerusform>%n modification faite sur cet ordinateur n&apos;a pas encore d&apos;accusé de réception du serveur : synchronisez d&apos;abord. La clôture n&apos;est possible qu&apos;une fois que le serveur a tout reçu.</numerusform>
            <numerusform>%n modifications faites sur cet ordinateur n&apos;ont pas encore d&apos;accusé de réception du serveur : synchronisez d&apos;abord. La clôture n&apos;est possible qu&apos;une fois que le serveur a tout reçu.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>Type the mission code to confirm:</source>
        <translation>Tapez le code de la mission pour confirmer :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>Erase the mission from this laptop</source>
        <translation>Effacer la mission de cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>Last receipt from the server: %1.</source>
        <translation>Dernier accusé de réception du serveur : %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>%n teammate bundle(s) received on this laptop have not reached the server yet: sync first. Closing is not possible until the server has received everything.</source>
        <translation>
            <numerusform>%n paquet d&apos;un coéquipier reçu sur cet ordinateur n&apos;est pas encore arrivé au serveur : synchronisez d&apos;abord. La clôture n&apos;est possible qu&apos;une fois que le serveur a tout reçu.</numerusform>
            <numerusform>%n paquets de coéquipiers reçus sur cet ordinateur ne sont pas encore arrivés au serveur : synchronisez d&apos;abord. La clôture n&apos;est possible qu&apos;une fois que le serveur a tout reçu.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>already here</source>
        <translation>déjà présente</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>refused</source>
        <translation>refusée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>conflict: both values kept</source>
        <translation>conflit : les deux valeurs gardées</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>kept hidden (blind panel)</source>
        <translation>gardée cachée (jury à l'aveugle)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>File: %1</source>
        <translation>Fichier : %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Changes made by &lt;b&gt;%1&lt;/b&gt; on their desk, written %2.</source>
        <translation>Modifications faites par &lt;b&gt;%1&lt;/b&gt; sur son poste, écrites le %2.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Signature and encryption verified.</source>
        <translation>Signature et chiffrement vérifiés.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>%1 change(s) in the file, %2 not yet on this desk.</source>
        <translation>%1 modification(s) dans le fichier, %2 pas encore sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>They are applied as %1's, by the server's rules (refusals and conflicts included), and sent to the server at the next sync.</source>
        <translation>Elles sont appliquées au nom de %1, selon les règles du serveur (refus et conflits compris), et envoyées au serveur à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Changes of &lt;b&gt;%1&lt;/b&gt;: %2 applied, %3 already here, %4 refused, %5 in conflict (both values kept), %6 kept hidden (blind panel).</source>
        <translation>Modifications de &lt;b&gt;%1&lt;/b&gt; : %2 appliquée(s), %3 déjà présente(s), %4 refusée(s), %5 en conflit (les deux valeurs gardées), %6 gardée(s) cachée(s) (jury à l'aveugle).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>They go to the server with this desk's next sync.</source>
        <translation>Elles partent vers le serveur à la prochaine synchronisation de ce poste.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Changes of &lt;b&gt;%1&lt;/b&gt; were not applied (unknown signer): %1 must sync once with their own account on that desk first; then import the file again.</source>
        <translation>Modifications de &lt;b&gt;%1&lt;/b&gt; non appliquées (signataire inconnu) : %1 doit d'abord synchroniser une fois avec son propre compte sur ce poste-là, puis importez à nouveau le fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Bundle</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Export bundle</source>
        <translation>Exporter un paquet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Mission Desk bundles (*%1)</source>
        <translation>Paquets Mission Desk (*%1)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Bundle exported</source>
        <translation>Paquet exporté</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>%1 change(s) of this desk (numbers %2 to %3), %4 KB, signed by this desk and encrypted with the mission's key.</source>
        <translation>%1 modification(s) de ce poste (numéros %2 à %3), %4 Ko, signées par ce poste et chiffrées avec la clé de la mission.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Give it to a teammate (USB stick, e-mail): their desk applies it, and sends it to the server at its next sync.</source>
        <translation>Donnez-le à un collègue (clé USB, courriel) : son poste l'applique, puis l'envoie au serveur à sa prochaine synchronisation.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Import bundle</source>
        <translation>Importer un paquet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/bundle.py" line="1"/>
        <source>Bundle imported</source>
        <translation>Paquet importé</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Desk locked</source>
        <translation>Poste verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Several people use this laptop. Choose your name and type your PIN: your marks and scorecards are recorded under it, and a colleague&apos;s drafts stay hidden.</source>
        <translation>Plusieurs personnes utilisent cet ordinateur. Choisissez votre nom et tapez votre code PIN : vos notes et vos grilles sont enregistrées sous ce nom, et les brouillons d&apos;un collègue restent cachés.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>PIN set</source>
        <translation>code PIN défini</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>no PIN on this desk yet</source>
        <translation>pas encore de code PIN sur ce poste</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Set your own PIN first: the desk was open under your name, and without a PIN anyone could take it here. Then lock again (Ctrl+L) for the next person.</source>
        <translation>Définissez d&apos;abord votre propre code PIN : le poste était ouvert à votre nom, et sans code PIN n&apos;importe qui pourrait le prendre ici. Verrouillez ensuite à nouveau (Ctrl+L) pour la personne suivante.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>New PIN (%1 digits or more)</source>
        <translation>Nouveau code PIN (%1 chiffres ou plus)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Same PIN again</source>
        <translation>Le même code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Set PIN and unlock</source>
        <translation>Définir le code et déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>The PIN must be at least %1 digits, the same twice.</source>
        <translation>Le code PIN doit compter au moins %1 chiffres, identiques les deux fois.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Too many wrong PINs: try again after %1.</source>
        <translation>Trop de codes erronés : réessayez après %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Wrong PIN. Too many wrong PINs: try again after %1.</source>
        <translation>Code erroné. Trop de codes erronés : réessayez après %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Wrong PIN. %n try(s) left before a wait.</source>
        <translation>
            <numerusform>Code erroné. Encore %n essai avant une attente.</numerusform>
            <numerusform>Code erroné. Encore %n essais avant une attente.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockableWindow</name>
    <message>
        <location filename="../../ui/desk_lock.py" line="0"/>
        <source>Idle lock</source>
        <translation>Verrouillage en cas d&apos;inactivité</translation>
    </message>
    <message>
        <location filename="../../ui/desk_lock.py" line="0"/>
        <source>Lock this desk after this many minutes without use (0: never):</source>
        <translation>Verrouiller ce poste après ce nombre de minutes sans utilisation (0 : jamais) :</translation>
    </message>
</context>
<context>
    <name>OwnAccountBox</name>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Your own account</source>
        <translation>Votre propre compte</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Sign in once</source>
        <translation>Se connecter une fois</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Your changes go to the server under your account %1: no password needed.</source>
        <translation>Vos modifications partent au serveur sous votre compte %1 : aucun mot de passe à retaper.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Several people use this laptop: sign in once with your own account, so that your changes go to the server under your name. They wait on this desk until then.</source>
        <translation>Plusieurs personnes utilisent cet ordinateur : connectez-vous une fois avec votre propre compte, pour que vos modifications partent au serveur sous votre nom. D&apos;ici là, elles attendent sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Sync this desk once first (its own account).</source>
        <translation>Synchronisez d&apos;abord ce poste une fois (avec son propre compte).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/own_account.py" line="0"/>
        <source>Not signed in: %1</source>
        <translation>Connexion impossible : %1</translation>
    </message>
</context>
</TS>
