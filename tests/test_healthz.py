import pytest


@pytest.mark.django_db
def test_health_endpoint_answers_when_database_and_cache_are_up(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
