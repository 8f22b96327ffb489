#!/bin/sh
# The curl workflow of data.gouv.fr's API guide ("Gérer un jeu de données par
# l'API"): create a dataset, upload a file, add a remote resource, update the
# dataset and the resource metadata, replace the file, delete the resource,
# delete the dataset, restore it. Each step must answer the status
# data.gouv.fr answers.
#
#   API=http://127.0.0.1:7000/api/1 sh internal/emulator/testdata/curl-workflow.sh
#
# Against the real site, set API, API_KEY and ORG (an organization you are a
# member of) to your own values.
set -eu

: "${API:=http://127.0.0.1:7000/api/1}"
: "${API_KEY:=udata_emulator_alice}"
: "${ORG:=6630a1b2c3d4e5f601234567}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check STEP WANT GOT
check() {
	if [ "$3" != "$2" ]; then
		echo "FAIL $1: status $3, want $2" >&2
		cat "$tmp/out" >&2
		exit 1
	fi
	echo "ok   $1: $3"
}

# first_id prints the first "id" of the last answer (datasets and resources
# start with their own id).
first_id() {
	grep -o '"id": *"[^"]*"' "$tmp/out" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/'
}

# Création d'un jeu de données
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Content-Type:application/json" -H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	--data "{\"title\": \"my title\", \"description\": \"My description\", \"organization\": \"$ORG\"}" \
	-XPOST "$API/datasets/")
check "create dataset" 201 "$status"
DATASET=$(first_id)

# Ajout d'une ressource en envoyant un fichier
printf 'col1,col2\n1,2\n' >"$tmp/my-file.csv"
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	-F "file=@$tmp/my-file.csv" \
	-X POST "$API/datasets/$DATASET/upload/")
check "upload file" 201 "$status"
RESOURCE=$(first_id)

# Ajout d'une ressource en référençant une URL existante
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Content-Type:application/json" -H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	--data '{"title": "My remote resource", "url": "https://www.example.com/data.csv", "filetype": "remote", "type": "main"}' \
	-X POST "$API/datasets/$DATASET/resources/")
check "add remote resource" 201 "$status"

# Mise à jour des métadonnées de la fiche
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Content-Type:application/json" -H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	--data '{"title": "My new title", "description": "My new description", "tags": ["guide", "api"]}' \
	-X PUT "$API/datasets/$DATASET/")
check "update dataset" 200 "$status"

# Mise à jour des métadonnées d'une ressource
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Content-Type:application/json" -H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	--data '{"title": "My new resource title", "description": "My resource description"}' \
	-X PUT "$API/datasets/$DATASET/resources/$RESOURCE/")
check "update resource" 200 "$status"

# Remplacer un fichier de ressource
printf 'col1,col2\n3,4\n' >"$tmp/my-new-file.csv"
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	-F "file=@$tmp/my-new-file.csv" \
	-X POST "$API/datasets/$DATASET/resources/$RESOURCE/upload/")
check "replace file" 200 "$status"

# Suppression d'une ressource
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	-X DELETE "$API/datasets/$DATASET/resources/$RESOURCE/")
check "delete resource" 204 "$status"

# Suppression d'un jeu de données
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	-X DELETE "$API/datasets/$DATASET/")
check "delete dataset" 204 "$status"

# Restauration d'un jeu de données supprimé par erreur
status=$(curl -s -o "$tmp/out" -w '%{http_code}' \
	-H "Content-Type:application/json" -H "Accept:application/json" -H "X-Api-Key:$API_KEY" \
	--data '{"deleted": null, "tags": ["guide", "api"]}' \
	-X PUT "$API/datasets/$DATASET/")
check "restore dataset" 200 "$status"

echo "workflow complete: dataset $DATASET"
