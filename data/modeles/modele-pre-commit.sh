#!/bin/sh
# Crochet git pre-commit installé par « quali init » : vérifie ce qui va être commité (les
# copies indexées par « git add », pas les fichiers de travail) et refuse le commit s'il y a
# une erreur. Les avertissements (champs à compléter…) ne bloquent pas.
# Contourner exceptionnellement : git commit --no-verify
QUALI={{quali}}
if ! command -v "$QUALI" >/dev/null 2>&1; then
  QUALI=quali
fi
if ! command -v "$QUALI" >/dev/null 2>&1; then
  echo "quali: crochet pre-commit : le programme quali est introuvable ({{quali_affiche}}, ni dans le PATH)." >&2
  echo "quali: commit refusé ; installez quali, ou contournez avec git commit --no-verify." >&2
  exit 1
fi
"$QUALI" validate --staged
status=$?
if [ "$status" -ne 0 ]; then
  echo "" >&2
  echo "quali: commit refusé par le crochet pre-commit : corrigez les erreurs ci-dessus, « git add » les fichiers, puis recommencez." >&2
fi
exit "$status"
