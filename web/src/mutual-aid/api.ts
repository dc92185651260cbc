import type { ApiClient } from "../core/api-client.js";
import type { Aircraft } from "../assets/types.js";
import type { AidCapability, AidRequest, AircraftCategory, CoverageImpact, Fleet, Incident, Loan, TypeTraits } from "./types.js";

export interface NewRequest {
  lendingCity: string;
  aircraftId?: number;
  category?: AircraftCategory;
  capabilities?: AidCapability[];
  incidentId?: number;
  notes?: string;
}

// The mutual-aid routes of /api/v1 that the panel calls. Errors are the
// ApiClient's ApiError, with the message in the console's language.
export class MutualAidApi {
  constructor(private readonly client: ApiClient) {}

  // The newest requests; with a city, only those in which it lends or borrows.
  async requests(city: string | null): Promise<AidRequest[]> {
    const query: Record<string, string | number> = { limit: 100 };
    if (city) {
      query.city = city;
    }
    return (await this.client.get<{ items: AidRequest[] }>("/mutual-aid/requests", query)).items;
  }

  async fleet(): Promise<Fleet> {
    const [aircraft, types, loans] = await Promise.all([
      this.client.getAllItems<Aircraft>("/aircraft"),
      this.client.getAllItems<TypeTraits>("/aircraft-types"),
      this.client.get<{ items: Loan[] }>("/mutual-aid/loans"),
    ]);
    return {
      aircraft,
      types: new Map(types.map((type) => [type.id, type])),
      onLoan: new Set(loans.items.map((loan) => loan.aircraftId)),
    };
  }

  async openIncidents(): Promise<Incident[]> {
    return (await this.client.get<{ items: Incident[] }>("/incidents", { status: "open", limit: 100 })).items;
  }

  // The ids of the open incidents that the caller's city may link to a request.
  async ownIncidentIds(): Promise<Set<number>> {
    return new Set((await this.client.get<{ incidentIds: number[] }>("/mutual-aid/incidents")).incidentIds);
  }

  coverageImpact(id: number): Promise<CoverageImpact> {
    return this.client.get<CoverageImpact>(`/mutual-aid/requests/${id}/coverage-impact`);
  }

  async create(body: NewRequest): Promise<AidRequest> {
    return (await this.client.post<AidRequest>("/mutual-aid/requests", body))!;
  }

  async approve(id: number, aircraftId: number | null): Promise<AidRequest> {
    return (await this.client.post<AidRequest>(`/mutual-aid/requests/${id}/approve`, aircraftId === null ? {} : { aircraftId }))!;
  }

  async decline(id: number, reason: string): Promise<AidRequest> {
    return (await this.client.post<AidRequest>(`/mutual-aid/requests/${id}/decline`, { reason }))!;
  }

  async cancel(id: number): Promise<AidRequest> {
    return (await this.client.post<AidRequest>(`/mutual-aid/requests/${id}/cancel`, {}))!;
  }

  async returnLoan(id: number): Promise<AidRequest> {
    return (await this.client.post<AidRequest>(`/mutual-aid/requests/${id}/return`, {}))!;
  }
}
