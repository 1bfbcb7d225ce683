// The one way the explorer reads data: a GraphQL POST to this server's /graphql.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The data of `query` with `variables`; the first error, with its code, if there is one. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The API did not answer: is `diikg serve` running?", "UNREACHABLE");
  }
  const answer = (await response.json()) as GraphQLAnswer<T>;
  const first = answer.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? "ERROR");
  if (!answer.data) throw new ApiError(`The API answered ${response.status} with no data`, "ERROR");
  return answer.data;
}
